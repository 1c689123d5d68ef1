package cn.healthcard.ehc.internal;

import cn.healthcard.ehc.EhcStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The e-card accounts as verification reads them: one primary-key read with plain JDBC, no entity and no transaction
 * of its own (a read-only JPA transaction cost more than the rest of a verification; docs/performance.md §2).
 */
@Component
public class VerifiableAccounts {

    /** What a verification answers from, masked, and what its audit entry names. */
    public record Account(String ehcId, String masterIndexId, String regionCode, EhcStatus status,
                          String nameMasked, String sex, int birthYear, String documentType,
                          String documentNumberMasked, String residentId) {
    }

    private static final String SELECT = "SELECT master_index_id, region_code, status, name_masked, sex, birth_year,"
            + " document_type, document_number_masked, resident_id FROM ehc_account WHERE ehc_id = ?";

    private final JdbcTemplate jdbc;

    VerifiableAccounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Account> find(String ehcId) {
        List<Account> found = jdbc.query(SELECT, (rs, n) -> new Account(ehcId, rs.getString(1), rs.getString(2),
                EhcStatus.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getInt(6), rs.getString(7),
                rs.getString(8), rs.getString(9)), ehcId);
        return found.stream().findFirst();
    }
}
