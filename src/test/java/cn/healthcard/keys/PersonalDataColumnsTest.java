package cn.healthcard.keys;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthcard.crypto.Encrypted;
import cn.healthcard.crypto.PersonalDataProtector;
import cn.healthcard.keys.PersonalDataKeyService.EncryptedColumn;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * The re-encryption covers every column that holds encrypted personal data, found from the JPA entities, and every
 * such column is bound to its table, column and row (decision 022).
 */
class PersonalDataColumnsTest {

    @Test
    @DisplayName("KEY-02 PER-05 SEC-02 every encrypted entity attribute is bound (@Encrypted) and is a column of the re-encryption job with the same row identity; no attribute is encrypted unbound through a converter")
    void reencryptionCoversEveryEncryptedColumn() throws Exception {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Entity.class));
        List<EncryptedColumn> found = new ArrayList<>();
        List<String> unbound = new ArrayList<>();
        for (BeanDefinition definition : scanner.findCandidateComponents("cn.healthcard")) {
            Class<?> entity = Class.forName(definition.getBeanClassName());
            for (Field field : entity.getDeclaredFields()) {
                Convert convert = field.getAnnotation(Convert.class);
                if (convert != null && usesTheProtector(convert.converter())) {
                    unbound.add(entity.getSimpleName() + "." + field.getName());
                }
                Encrypted encrypted = field.getAnnotation(Encrypted.class);
                if (encrypted != null) {
                    List<String> row = encrypted.row().length == 0 ? List.of(idColumn(entity))
                            : Arrays.stream(encrypted.row()).map(name -> column(field(entity, name))).toList();
                    found.add(new EncryptedColumn(entity.getAnnotation(Table.class).name(), idColumn(entity),
                            column(field), row));
                }
            }
        }
        assertThat(unbound).as("attributes encrypted without binding (a converter sees no row)").isEmpty();
        assertThat(found).as("encrypted columns found in the entities").hasSizeGreaterThanOrEqualTo(10);
        assertThat(PersonalDataKeyService.COLUMNS).containsExactlyInAnyOrderElementsOf(found);
    }

    private static Field field(Class<?> entity, String name) {
        try {
            return entity.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new AssertionError("@Encrypted(row) names " + name + ", which " + entity + " does not have", e);
        }
    }

    /** A converter that encrypts: one constructed with the protector. */
    private static boolean usesTheProtector(Class<?> converter) {
        return Arrays.stream(converter.getDeclaredConstructors())
                .anyMatch(c -> Arrays.asList(c.getParameterTypes()).contains(PersonalDataProtector.class));
    }

    private static String idColumn(Class<?> entity) {
        return Arrays.stream(entity.getDeclaredFields()).filter(f -> f.isAnnotationPresent(jakarta.persistence.Id.class))
                .map(PersonalDataColumnsTest::column).findFirst().orElseThrow();
    }

    private static String column(Field field) {
        Column column = field.getAnnotation(Column.class);
        if (column != null && !column.name().isEmpty()) {
            return column.name();
        }
        return field.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
