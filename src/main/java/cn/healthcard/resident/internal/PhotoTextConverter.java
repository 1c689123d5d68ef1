package cn.healthcard.resident.internal;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Base64;

/**
 * Photo ciphertext bytes ↔ Base64 text (a portable text column on H2, PostgreSQL and Oracle). The bytes are sealed
 * and opened by the crypto module's listener ({@code @Encrypted}, decision 022) before this converter sees them.
 */
@Converter
class PhotoTextConverter implements AttributeConverter<byte[], String> {

    @Override
    public String convertToDatabaseColumn(byte[] attribute) {
        return attribute == null ? null : Base64.getEncoder().encodeToString(attribute);
    }

    @Override
    public byte[] convertToEntityAttribute(String dbData) {
        return dbData == null ? null : Base64.getDecoder().decode(dbData);
    }
}
