package cn.healthcard.crypto;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores a text attribute encrypted (Base64 of SM4-GCM, see {@link PersonalDataProtector#encrypt(String)}). Apply it
 * with {@code @Convert(converter = EncryptedStringConverter.class)}; the column needs room for
 * {@code 4 * ceil((UTF-8 length + 34) / 3)} characters (6-byte version header, IV, tag). Hibernate creates it through Spring, which injects the protector.
 */
@Converter
public class EncryptedStringConverter implements AttributeConverter<String, String> {

    private final PersonalDataProtector protector;

    public EncryptedStringConverter(PersonalDataProtector protector) {
        this.protector = protector;
    }

    @Override
    public String convertToDatabaseColumn(String attribute) {
        return protector.encrypt(attribute);
    }

    @Override
    public String convertToEntityAttribute(String dbData) {
        return protector.decrypt(dbData);
    }
}
