package cn.healthcard.resident.internal;

import cn.healthcard.crypto.PersonalDataProtector;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Base64;

/** Photo bytes ↔ Base64 text of their SM4 ciphertext (a portable text column on H2, PostgreSQL and Oracle). */
@Converter
class PhotoTextConverter implements AttributeConverter<byte[], String> {

    private final PersonalDataProtector protector;

    PhotoTextConverter(PersonalDataProtector protector) {
        this.protector = protector;
    }

    @Override
    public String convertToDatabaseColumn(byte[] attribute) {
        return attribute == null ? null : Base64.getEncoder().encodeToString(protector.encrypt(attribute));
    }

    @Override
    public byte[] convertToEntityAttribute(String dbData) {
        return dbData == null ? null : protector.decrypt(Base64.getDecoder().decode(dbData));
    }
}
