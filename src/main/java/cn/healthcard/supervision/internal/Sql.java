package cn.healthcard.supervision.internal;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SQL the statistics share: the China day of a UTC timestamp column on every database, the region range of a
 * scope, and institution names. Read-only reporting SQL over the modules' tables, like the other statistics
 * (decision 036).
 */
@Component
class Sql {

    final JdbcTemplate jdbc;
    private volatile Boolean oracle;

    Sql(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The China date of a UTC timestamp column: China keeps UTC+8 the whole year, so the date of the time eight hours
     * later (Oracle's CAST to DATE keeps the time, so it truncates instead).
     */
    String chinaDay(String column) {
        return (oracle() ? "TRUNC(%s + INTERVAL '8' HOUR)" : "CAST(%s + INTERVAL '8' HOUR AS DATE)").formatted(column);
    }

    /**
     * The China date of an engine timestamp column: the engine writes JVM-local wall times, so the column is shifted
     * by China's offset minus the JVM's (0 on a China JVM, 8 h on a UTC one) before the date is taken. Zones with
     * daylight saving time are shifted by their offset of today (decision 036: run the JVM in China time or UTC).
     */
    String engineChinaDay(String column) {
        int minutes = 8 * 60 - ZoneId.systemDefault().getRules().getOffset(Instant.now()).getTotalSeconds() / 60;
        if (minutes == 0) {
            return (oracle() ? "TRUNC(%s)" : "CAST(%s AS DATE)").formatted(column);
        }
        return (oracle() ? "TRUNC(%s + INTERVAL '%d' MINUTE(4))" : "CAST(%s + INTERVAL '%d' MINUTE AS DATE)")
                .formatted(column, minutes);
    }

    /**
     * The date {@code years} before a date expression, the end of February for the 29th (as
     * {@code LocalDate.minusYears}; Oracle's ADD_MONTHS, which also moves the last day of any February to the last).
     */
    String yearsBefore(String date, int years) {
        return oracle() ? "ADD_MONTHS(%s, %d)".formatted(date, -12 * years)
                : "(%s - INTERVAL '%d' YEAR)".formatted(date, years);
    }

    boolean oracle() {
        Boolean o = oracle;
        if (o == null) {
            String product = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
            o = product != null && product.toLowerCase(Locale.ROOT).contains("oracle");
            oracle = o;
        }
        return o;
    }

    /** {@code AND column BETWEEN low AND high} for the scope, and the institution when the filter names one. */
    static void scope(StringBuilder sql, List<Object> args, Scope s, String regionColumn, String institutionColumn) {
        sql.append(" AND ").append(regionColumn).append(" BETWEEN ? AND ?");
        args.add(s.low());
        args.add(s.high());
        if (institutionColumn != null && s.institutionCode() != null) {
            sql.append(" AND ").append(institutionColumn).append(" = ?");
            args.add(s.institutionCode());
        }
    }

    /** Names of the institutions (desks, makers, medical institutions) by code; unknown codes are left out. */
    Map<String, String> institutionNames(Collection<String> codes) {
        Map<String, String> names = new HashMap<>();
        List<String> all = new ArrayList<>(codes.stream().filter(java.util.Objects::nonNull).distinct().toList());
        for (int i = 0; i < all.size(); i += 500) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + 500));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            jdbc.query("SELECT code, name FROM institution WHERE code IN (" + marks + ")",
                    rs -> {
                        names.put(rs.getString(1), rs.getString(2));
                    }, chunk.toArray());
        }
        return names;
    }

    static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Date d) {
            return d.toLocalDate();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().toLocalDate();
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof java.time.LocalDateTime t) {
            return t.toLocalDate();
        }
        return LocalDate.parse(value.toString().substring(0, 10));
    }
}
