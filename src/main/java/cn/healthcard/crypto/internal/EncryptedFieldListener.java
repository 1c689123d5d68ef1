package cn.healthcard.crypto.internal;

import cn.healthcard.crypto.Encrypted;
import cn.healthcard.crypto.PersonalDataBinding;
import cn.healthcard.crypto.PersonalDataProtector;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.event.spi.PostLoadEvent;
import org.hibernate.event.spi.PostLoadEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.event.spi.PreInsertEvent;
import org.hibernate.event.spi.PreInsertEventListener;
import org.hibernate.event.spi.PreUpdateEvent;
import org.hibernate.event.spi.PreUpdateEventListener;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Seals and opens the {@link Encrypted} attributes of JPA entities with their place (decision 022): an
 * AttributeConverter cannot see the row, a Hibernate event listener can. The entity always holds the plaintext;
 * <ul>
 *   <li>before an insert or update, the values about to be written ({@code state}) are replaced by ciphertexts bound
 *       to table, column and row identity; after it, the same array (Hibernate keeps it as the entity's loaded state)
 *       gets the plaintext back, so the next flush sees no change;</li>
 *   <li>after a load, each ciphertext is opened with the binding of the row it was read from, written into the entity
 *       and into the loaded state (dirty checking compares plaintexts). A value copied from another row or column
 *       fails with {@code PersonalDataIntegrityException}, and the load with it.</li>
 * </ul>
 * The row identity is the id, or the {@link Encrypted#row()} attributes where the database assigns the id on insert.
 * Table and column come from Hibernate's mapping, the same names the re-encryption job writes.
 */
final class EncryptedFieldListener implements PreInsertEventListener, PostInsertEventListener, PreUpdateEventListener,
        PostUpdateEventListener, PostLoadEventListener {

    private final Supplier<PersonalDataProtector> lookup;
    private volatile PersonalDataProtector protector;
    private final Map<String, List<EncryptedAttribute>> attributes = new ConcurrentHashMap<>();

    /** {@code lookup} is asked once, at the first encrypted value (the session factory is built before the device). */
    EncryptedFieldListener(Supplier<PersonalDataProtector> lookup) {
        this.lookup = lookup;
    }

    private PersonalDataProtector protector() {
        PersonalDataProtector found = protector;
        if (found == null) {
            found = lookup.get();
            protector = found;
        }
        return found;
    }

    /** One encrypted attribute of an entity: its property index, place and the property indexes of the row key. */
    private record EncryptedAttribute(int index, String table, String column, int[] rowKey, boolean text) {

        PersonalDataBinding binding(Object id, Object[] state) {
            if (rowKey.length == 0) {
                return PersonalDataBinding.of(table, column, id);
            }
            List<String> row = new ArrayList<>(rowKey.length);
            for (int key : rowKey) {
                row.add(state[key] == null ? null : String.valueOf(state[key]));
            }
            return new PersonalDataBinding(table, column, row);
        }
    }

    private List<EncryptedAttribute> attributes(EntityPersister persister) {
        return attributes.computeIfAbsent(persister.getEntityName(), name -> scan(persister));
    }

    private static List<EncryptedAttribute> scan(EntityPersister persister) {
        List<EncryptedAttribute> found = new ArrayList<>();
        for (Class<?> type = persister.getMappedClass(); type != null && type != Object.class;
             type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                Encrypted encrypted = field.getAnnotation(Encrypted.class);
                if (encrypted == null) {
                    continue;
                }
                if (field.getType() != String.class && field.getType() != byte[].class) {
                    throw new IllegalStateException("@Encrypted " + field + " must be a String or byte[]");
                }
                if (!(persister instanceof AbstractEntityPersister mapped)) {
                    throw new IllegalStateException("@Encrypted needs a table-mapped entity: " + field);
                }
                int index = persister.getPropertyIndex(field.getName());
                int[] rowKey = new int[encrypted.row().length];
                for (int i = 0; i < rowKey.length; i++) {
                    rowKey[i] = persister.getPropertyIndex(encrypted.row()[i]);
                }
                found.add(new EncryptedAttribute(index, unqualified(mapped.getPropertyTableName(field.getName())),
                        unquoted(mapped.getPropertyColumnNames(index)[0]), rowKey, field.getType() == String.class));
            }
        }
        return List.copyOf(found);
    }

    private static String unqualified(String table) {
        return unquoted(table.substring(table.lastIndexOf('.') + 1));
    }

    private static String unquoted(String name) {
        return name.replace("\"", "").replace("`", "");
    }

    private Object seal(EncryptedAttribute a, Object plaintext, PersonalDataBinding place) {
        return a.text() ? protector().seal((String) plaintext, place) : protector().seal((byte[]) plaintext, place);
    }

    private Object open(EncryptedAttribute a, Object stored, PersonalDataBinding place) {
        return a.text() ? protector().open((String) stored, place) : protector().open((byte[]) stored, place);
    }

    private boolean sealState(Object id, Object[] state, EntityPersister persister) {
        for (EncryptedAttribute a : attributes(persister)) {
            if (state[a.index()] != null) {
                state[a.index()] = seal(a, state[a.index()], a.binding(id, state));
            }
        }
        return false;
    }

    /** Puts the entity's plaintext back into the written state and the entry's loaded state. */
    private static void unsealState(Object entity, Object[] state, EntityPersister persister,
                                    SharedSessionContractImplementor session, List<EncryptedAttribute> encrypted) {
        EntityEntry entry = session.getPersistenceContextInternal().getEntry(entity);
        Object[] loaded = entry == null ? null : entry.getLoadedState();
        for (EncryptedAttribute a : encrypted) {
            Object plaintext = persister.getValue(entity, a.index());
            if (state != null) {
                state[a.index()] = plaintext;
            }
            if (loaded != null) {
                loaded[a.index()] = plaintext;
            }
        }
    }

    @Override
    public boolean onPreInsert(PreInsertEvent event) {
        return sealState(event.getId(), event.getState(), event.getPersister());
    }

    @Override
    public void onPostInsert(PostInsertEvent event) {
        unsealState(event.getEntity(), event.getState(), event.getPersister(), event.getSession(),
                attributes(event.getPersister()));
    }

    @Override
    public boolean onPreUpdate(PreUpdateEvent event) {
        return sealState(event.getId(), event.getState(), event.getPersister());
    }

    @Override
    public void onPostUpdate(PostUpdateEvent event) {
        unsealState(event.getEntity(), event.getState(), event.getPersister(), event.getSession(),
                attributes(event.getPersister()));
    }

    @Override
    public void onPostLoad(PostLoadEvent event) {
        EntityPersister persister = event.getPersister();
        List<EncryptedAttribute> encrypted = attributes(persister);
        if (encrypted.isEmpty()) {
            return;
        }
        Object entity = event.getEntity();
        Object[] values = persister.getValues(entity);
        for (EncryptedAttribute a : encrypted) {
            Object stored = values[a.index()];
            if (stored != null) {
                persister.setValue(entity, a.index(), open(a, stored, a.binding(event.getId(), values)));
            }
        }
        unsealState(entity, null, persister, event.getSession(), encrypted);
    }

    @Override
    public boolean requiresPostCommitHandling(EntityPersister persister) {
        return false;
    }
}
