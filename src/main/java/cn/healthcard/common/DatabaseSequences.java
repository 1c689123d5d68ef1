package cn.healthcard.common;

import jakarta.persistence.EntityManager;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.springframework.stereotype.Component;

/** Next values of database sequences, in the SQL of whichever database runs (H2, PostgreSQL, Oracle). */
@Component
public class DatabaseSequences {

    private final EntityManager entityManager;

    DatabaseSequences(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public long next(String sequence) {
        var dialect = entityManager.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class)
                .getJdbcServices().getDialect();
        String sql = dialect.getSequenceSupport().getSequenceNextValString(sequence);
        return ((Number) entityManager.createNativeQuery(sql).getSingleResult()).longValue();
    }
}
