package cn.healthcard.crypto;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A JPA entity attribute ({@code String} or {@code byte[]}) stored as personal data encrypted with SM4-GCM and bound
 * to its table, column and row (decisions 003, 022). The entity holds the plaintext; the crypto module's Hibernate
 * listener seals the value when the row is inserted or updated and opens it when the row is loaded, with the table
 * and column of the mapping. A value copied into another row or column fails with
 * {@link PersonalDataIntegrityException}. Every such column is listed in the re-encryption job's columns
 * ({@code keys.PersonalDataKeyService.COLUMNS}, checked by {@code PersonalDataColumnsTest}). A {@code String}
 * attribute is stored as Base64 text; a {@code byte[]} attribute as the ciphertext bytes (map it to a text column
 * with a Base64 converter if needed).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Encrypted {

    /**
     * The attributes whose values identify the row, when the primary key is not known before the insert (an identity
     * column): they must be set before the insert, unique together and never change. Empty (default): the entity's
     * id, which must then be assigned by the application or from a sequence before the insert.
     */
    String[] row() default {};
}
