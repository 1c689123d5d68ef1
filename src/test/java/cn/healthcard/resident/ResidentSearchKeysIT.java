package cn.healthcard.resident;

import cn.healthcard.audit.ResidentSearchKeys;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The residents' search keys that the audit projection uses, cached by the resident's last change. */
@IntegrationTest
class ResidentSearchKeysIT {

    @Autowired ResidentSearchKeys keys;
    @Autowired ResidentService residents;
    @Autowired TransactionTemplate tx;
    @Autowired TestUsers users;

    @Test
    @DisplayName("SEC-02 APP-13 the projection's keys of a resident follow a change of the record at once (the cache is keyed by the last change), and unknown ids are left out")
    void keysFollowChanges() {
        ResidentData person = TestResidents.newResident("缓存甲");
        String id = register(person);
        var first = keys.of(List.of(id, "no-such-resident"));
        assertThat(first).containsOnlyKeys(id);
        assertThat(first.get(id).nameKey()).isEqualTo(residents.nameIndex("缓存甲"));
        assertThat(first.get(id).nameMasked()).isEqualTo("缓*甲");
        assertThat(keys.of(List.of(id)).get(id)).isEqualTo(first.get(id));

        register(new ResidentData(person.documentType(), person.documentNumber(), "缓存乙丙", person.sex(),
                person.ethnicity(), person.birthDate(), person.phone(), person.address(), person.bloodTypeAbo(),
                person.bloodTypeRh(), person.medicalAlerts(), person.photo()));
        var changed = keys.of(List.of(id)).get(id);
        assertThat(changed.nameKey()).isEqualTo(residents.nameIndex("缓存乙丙"));
        assertThat(changed.nameMasked()).isEqualTo("缓**丙");
        assertThat(changed.documentKey()).isEqualTo(first.get(id).documentKey());
    }

    private String register(ResidentData data) {
        return users.as("clerk", () -> tx.execute(s -> residents.register(data, "110105").id()));
    }
}
