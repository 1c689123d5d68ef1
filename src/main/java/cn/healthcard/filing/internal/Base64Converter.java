package cn.healthcard.filing.internal;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Base64;

/** Bytes as Base64 text, so one column type (TEXT, CLOB) holds files on H2, PostgreSQL and Oracle alike. */
@Converter
class Base64Converter implements AttributeConverter<byte[], String> {

    @Override
    public String convertToDatabaseColumn(byte[] bytes) {
        return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public byte[] convertToEntityAttribute(String text) {
        return text == null ? null : Base64.getDecoder().decode(text);
    }
}
