package cn.healthcard.production.datafile;

import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyUsage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Cards and the key set-up of a centre and its card makers, for data file tests and the benchmark. */
public final class DataFileTestSupport {

    private DataFileTestSupport() {
    }

    /** Card {@code i} of a batch with a photo of {@code photoBytes} bytes (pseudo-random, fixed per card). */
    public static CardRecord card(int i, int photoBytes) {
        byte[] photo = new byte[photoBytes];
        new Random(i).nextBytes(photo);
        String cardNo = String.format("H4401%014d", i);
        return new CardRecord(
                new CardRecord.Issuer("1", "1.0", "广州市居民健康卡注册管理中心", "440100", "2026-12-06", cardNo,
                        String.format("CHIP%012d", i), "440100"),
                new CardRecord.Holder("测试居民" + i, i % 2 == 0 ? "2" : "1", "01", "1990-03-07", "01",
                        "110105199003071239"),
                photo, "2036-12-06", List.of("13800000000"), "广州市天河区测试路" + i + "号", "A", "+",
                List.of("青霉素过敏"));
    }

    public static List<CardRecord> cards(int count, int photoBytes) {
        List<CardRecord> cards = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            cards.add(card(i, photoBytes));
        }
        return cards;
    }

    /**
     * Gives {@code maker} the centre's transport key for {@code makerCode} as the key distribution does: a new version
     * of {@code transport.<code>} in the centre's device, sent in an SM2 envelope to the maker's device.
     */
    public static KeyId shareTransportKey(CryptoDevice centre, CryptoDevice maker, String makerCode) {
        String label = KeyId.transportLabel(makerCode);
        KeyId kek = centre.generateSymmetricKey(label, KeyUsage.KEY_ENCRYPTION).id();
        KeyId makerTransport = maker.currentKey(CryptoDevice.TRANSPORT_LABEL);
        byte[] envelope = centre.exportKeyEnvelope(kek, maker.publicKey(makerTransport));
        maker.importKeyEnvelope(makerTransport, envelope, label);
        return kek;
    }

    static boolean contains(byte[] haystack, String needle) {
        return contains(haystack, needle.getBytes(StandardCharsets.UTF_8));
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Whether the file holds an SM4 key with {@code checkValue} in the clear: in any 16-byte window of its bytes, or
     * encoded (Base64 or hex) in any string value of its readable header, whole or in any {@code :}-separated part.
     */
    public static boolean holdsKeyInTheClear(byte[] bytes, String checkValue) {
        if (holdsRawKey(bytes, checkValue)) {
            return true;
        }
        for (String text : headerStrings(bytes)) {
            List<String> parts = new ArrayList<>(List.of(text.split(":")));
            parts.add(text);
            for (String part : parts) {
                for (byte[] decoded : decodings(part.strip())) {
                    if (holdsRawKey(decoded, checkValue)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static List<byte[]> decodings(String part) {
        List<byte[]> out = new ArrayList<>();
        try {
            out.add(java.util.Base64.getDecoder().decode(part));
        } catch (IllegalArgumentException notBase64) {
            // not Base64
        }
        try {
            out.add(java.util.HexFormat.of().parseHex(part));
        } catch (IllegalArgumentException notHex) {
            // not hex
        }
        return out;
    }

    /** Every string value of the header of an HCDF1 file ({@code MAGIC, int length, JSON}); none if it has none. */
    private static List<String> headerStrings(byte[] bytes) {
        List<String> out = new ArrayList<>();
        int offset = DataFileFormat.MAGIC.length;
        if (bytes.length < offset + 4) {
            return out;
        }
        int length = java.nio.ByteBuffer.wrap(bytes, offset, 4).getInt();
        if (length <= 0 || offset + 4 + length > bytes.length) {
            return out;
        }
        try {
            collect(new com.fasterxml.jackson.databind.ObjectMapper().readTree(bytes, offset + 4, length), out);
        } catch (java.io.IOException notJson) {
            // no readable header
        }
        return out;
    }

    private static void collect(com.fasterxml.jackson.databind.JsonNode node, List<String> out) {
        if (node.isTextual()) {
            out.add(node.asText());
        }
        node.forEach(child -> collect(child, out));
    }

    private static boolean holdsRawKey(byte[] bytes, String checkValue) {
        byte[] zero = new byte[16];
        byte[] out = new byte[16];
        for (int i = 0; i + 16 <= bytes.length; i++) {
            org.bouncycastle.crypto.engines.SM4Engine sm4 = new org.bouncycastle.crypto.engines.SM4Engine();
            sm4.init(true, new org.bouncycastle.crypto.params.KeyParameter(bytes, i, 16));
            sm4.processBlock(zero, 0, out, 0);
            if (java.util.HexFormat.of().withUpperCase().formatHex(out, 0, 4).equals(checkValue)) {
                return true;
            }
        }
        return false;
    }
}
