package cn.healthcard.crypto;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores a binary attribute (e.g. a photo) encrypted as {@code header || iv || ciphertext || tag}, 34 bytes longer
 * than the plaintext (see {@link CryptoPort#encrypt}). Apply it with {@code @Convert(converter = EncryptedBytesConverter.class)}. Hibernate creates it through
 * Spring, which injects the protector.
 */
@Converter
public class EncryptedBytesConverter implements AttributeConverter<byte[], byte[]> {

    private final PersonalDataProtector protector;

    public EncryptedBytesConverter(PersonalDataProtector protector) {
        this.protector = protector;
    }

    @Override
    public byte[] convertToDatabaseColumn(byte[] attribute) {
        return protector.encrypt(attribute);
    }

    @Override
    public byte[] convertToEntityAttribute(byte[] dbData) {
        return protector.decrypt(dbData);
    }
}
