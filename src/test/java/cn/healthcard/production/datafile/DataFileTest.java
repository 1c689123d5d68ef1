package cn.healthcard.production.datafile;

import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyState;
import cn.healthcard.crypto.device.KeyUsage;
import cn.healthcard.crypto.device.WrappedKey;
import cn.healthcard.crypto.internal.SoftwareCryptoDevice;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The production data file between the centre's device and the card makers' own devices (decision 026). */
class DataFileTest {

    private static final String BATCH = "PC2026120601";
    private static final String MAKER_A = "ZK-440100";
    private static final String MAKER_B = "ZK-440300";
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @TempDir
    Path dir;

    private CryptoDevice centre;
    private CryptoDevice makerA;
    private CryptoDevice makerB;
    private KeyId transportA;
    private KeyId signer;
    private KeyId appKey;

    @BeforeEach
    void devices() {
        centre = new SoftwareCryptoDevice(dir.resolve("centre.keystore"), "00112233445566778899aabbccddeeff");
        makerA = new SoftwareCryptoDevice(dir.resolve("a.keystore"), "0f0e0d0c0b0a09080706050403020100");
        makerB = new SoftwareCryptoDevice(dir.resolve("b.keystore"), "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
        transportA = DataFileTestSupport.shareTransportKey(centre, makerA, MAKER_A);
        DataFileTestSupport.shareTransportKey(centre, makerB, MAKER_B);
        signer = centre.generateSm2KeyPair(DataFileFormat.SIGNER_LABEL, KeyUsage.SIGNATURE).id();
        appKey = centre.generateSymmetricKey("hc.card-app.440100", KeyUsage.DERIVATION).id();
    }

    private Path build(List<CardRecord> cards, String batch, KeyId transport) throws IOException {
        String name = DataFileFormat.fileName(batch, MAKER_A, LocalDate.of(2026, 12, 6), 1);
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            new DataFileWriter(centre).write(new DataFileWriter.Order(name, batch, MAKER_A, "440100-ZX", "440100",
                    transport, List.of(appKey), signer), cards.iterator(), NOW, out);
        }
        return file;
    }

    private DataFileReader reader(CryptoDevice device, String makerCode) {
        return new DataFileReader(device, makerCode, List.of(centre.publicKey(signer)));
    }

    private DataFileRefusal refusal(Runnable read) {
        return catchThrowableOfType(DataFileRefusedException.class, read::run).reason();
    }

    @Test
    @DisplayName("PER-01 PER-02: a batch file carries issuer, holder, photo, validity, blood type and alerts per card, "
            + "named by batch, maker, date and sequence; the maker reads back exactly what was sealed")
    void roundTrip() throws IOException {
        List<CardRecord> cards = DataFileTestSupport.cards(3, 2_000);
        Path file = build(cards, BATCH, transportA);
        assertThat(file.getFileName().toString()).isEqualTo("PC2026120601_ZK-440100_20261206_001.hcdf");

        List<CardRecord> read = new ArrayList<>();
        DataFileReader.Verified verified = reader(makerA, MAKER_A).read(file, BATCH, read::add);

        assertThat(verified.cardCount()).isEqualTo(3);
        assertThat(verified.header().batchNo()).isEqualTo(BATCH);
        assertThat(read).hasSize(3);
        for (int i = 0; i < 3; i++) {
            CardRecord expected = cards.get(i);
            CardRecord actual = read.get(i);
            assertThat(actual.issuer()).isEqualTo(expected.issuer());
            assertThat(actual.holder()).isEqualTo(expected.holder());
            assertThat(actual.photo()).isEqualTo(expected.photo());
            assertThat(actual.validUntil()).isEqualTo("2036-12-06");
            assertThat(actual.bloodAbo()).isEqualTo("A");
            assertThat(actual.bloodRh()).isEqualTo("+");
            assertThat(actual.medicalAlerts()).containsExactly("青霉素过敏");
        }
    }

    @Test
    @DisplayName("PER-05 PER-02: nothing personal and no key is in the clear: card data only under the fresh data key, "
            + "the data key and the card application keys only wrapped under the maker's transport key")
    void nothingInTheClear() throws IOException {
        List<CardRecord> cards = DataFileTestSupport.cards(2, 1_000);
        Path file = build(cards, BATCH, transportA);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(DataFileTestSupport.contains(bytes, "测试居民1")).isFalse();
        assertThat(DataFileTestSupport.contains(bytes, "110105199003071239")).isFalse();
        assertThat(DataFileTestSupport.contains(bytes, cards.get(0).cardNo())).isFalse();
        assertThat(DataFileTestSupport.contains(bytes, Arrays.copyOf(cards.get(0).photo(), 32))).isFalse();

        DataFileHeader header = reader(makerA, MAKER_A).verify(file, BATCH).header();
        WrappedKey dataKey = WrappedKey.parse(header.dataKey());
        assertThat(dataKey.kek()).isEqualTo(transportA);
        // no application key (nor the city root) in the readable header: each card's own keys are in its sealed record
        assertThat(DataFileTestSupport.contains(bytes, appKey.label())).isFalse();
        assertThat(DataFileTestSupport.contains(bytes, ".card-")).isFalse();
        // a fresh data key per file, no new work for it at the centre after sealing
        assertThat(centre.keyInfo(dataKey.id()).orElseThrow().state()).isEqualTo(KeyState.ARCHIVED);
        Path second = build(cards, "PC2026120602", transportA);
        String other = reader(makerA, MAKER_A).verify(second, "PC2026120602").header().dataKey();
        assertThat(WrappedKey.parse(other).checkValue()).isNotEqualTo(dataKey.checkValue());
    }

    @Test
    @DisplayName("PER-02 PER-05: a byte flipped anywhere in the file is refused; inside the signed part as a signature "
            + "failure (DF-SIGNATURE), the signature checked before anything is parsed")
    void flippedByteAnywhere() throws IOException {
        Path file = build(DataFileTestSupport.cards(1, 64), BATCH, transportA);
        byte[] original = Files.readAllBytes(file);
        int endMarker = original.length - DataFileFormat.SIGNATURE_BYTES - DataFileFormat.END.length;
        Path tampered = dir.resolve("t").resolve(file.getFileName());
        Files.createDirectories(tampered.getParent());
        DataFileReader reader = reader(makerA, MAKER_A);
        for (int position = 0; position < original.length; position++) {
            byte[] bytes = original.clone();
            bytes[position] ^= 0x01;
            Files.write(tampered, bytes);
            DataFileRefusal reason = refusal(() -> reader.read(tampered, BATCH, card -> {
                throw new AssertionError("a tampered card was handed over");
            }));
            DataFileRefusal expected = position < DataFileFormat.MAGIC.length ? DataFileRefusal.MALFORMED
                    : position >= endMarker && position < endMarker + DataFileFormat.END.length
                    ? DataFileRefusal.TRUNCATED : DataFileRefusal.SIGNATURE_INVALID;
            assertThat(reason).as("byte %d of %d", position, original.length).isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("PER-02 PER-03: a file for card maker A opened by card maker B is refused (DF-OTHER-MAKER), and B's "
            + "device could not unwrap its data key anyway")
    void anotherMakersFile() throws IOException {
        Path file = build(DataFileTestSupport.cards(2, 100), BATCH, transportA);
        assertThat(refusal(() -> reader(makerB, MAKER_B).read(file, BATCH, card -> { })))
                .isEqualTo(DataFileRefusal.OTHER_MAKER);
        // B pretending to be A: B's device does not hold A's transport key
        assertThat(refusal(() -> reader(makerB, MAKER_A).read(file, BATCH, card -> { })))
                .isEqualTo(DataFileRefusal.UNKNOWN_KEY_VERSION);
    }

    @Test
    @DisplayName("PER-02: a file under a transport key version the maker's device does not hold is refused "
            + "(DF-KEY-VERSION)")
    void unknownKeyVersion() throws IOException {
        KeyId v2 = centre.generateSymmetricKey(KeyId.transportLabel(MAKER_A), KeyUsage.KEY_ENCRYPTION).id();
        assertThat(v2.version()).isEqualTo(2);
        Path file = build(DataFileTestSupport.cards(1, 100), BATCH, v2);
        DataFileRefusedException refused = catchThrowableOfType(DataFileRefusedException.class,
                () -> reader(makerA, MAKER_A).verify(file, BATCH));
        assertThat(refused.reason()).isEqualTo(DataFileRefusal.UNKNOWN_KEY_VERSION);
        assertThat(refused.reason().code()).isEqualTo("DF-KEY-VERSION");
        assertThat(refused.getMessage()).contains("传输密钥").contains("v2");
    }

    @Test
    @DisplayName("PER-02: a truncated file (transfer cut) and a file that is not a data file are refused "
            + "(DF-TRUNCATED, DF-MALFORMED)")
    void truncatedAndMalformed() throws IOException {
        Path file = build(DataFileTestSupport.cards(2, 500), BATCH, transportA);
        byte[] bytes = Files.readAllBytes(file);
        DataFileReader reader = reader(makerA, MAKER_A);
        for (int length : new int[]{0, 10, 100, bytes.length / 2, bytes.length - 1, bytes.length - 64}) {
            Files.write(file, Arrays.copyOf(bytes, length));
            assertThat(refusal(() -> reader.verify(file, BATCH))).as("%d bytes", length)
                    .isIn(DataFileRefusal.TRUNCATED, DataFileRefusal.MALFORMED);
        }
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 1));
        assertThat(refusal(() -> reader.verify(file, BATCH))).isEqualTo(DataFileRefusal.TRUNCATED);
        byte[] other = new byte[bytes.length];
        Files.write(file, other);
        assertThat(refusal(() -> reader.verify(file, BATCH))).isEqualTo(DataFileRefusal.MALFORMED);
    }

    @Test
    @DisplayName("PER-02: a file of another batch, or renamed to another batch's name, is refused (DF-WRONG-BATCH)")
    void wrongBatch() throws IOException {
        Path file = build(DataFileTestSupport.cards(1, 100), BATCH, transportA);
        assertThat(refusal(() -> reader(makerA, MAKER_A).verify(file, "PC2026120699")))
                .isEqualTo(DataFileRefusal.WRONG_BATCH);
        Path renamed = Files.move(file, dir.resolve("PC2026120699_ZK-440100_20261206_001.hcdf"));
        assertThat(refusal(() -> reader(makerA, MAKER_A).verify(renamed, null)))
                .isEqualTo(DataFileRefusal.WRONG_BATCH);
    }

    @Test
    @DisplayName("PER-02 PER-04: a signed file with the same card twice is refused (DF-DUPLICATE-CARD); the writer "
            + "never makes one")
    void duplicateCard() throws IOException {
        CardRecord card = DataFileTestSupport.card(7, 100);
        assertThatThrownBy(() -> build(List.of(card, card), BATCH, transportA))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(card.cardNo());

        // a file with the card twice, signed by the centre (a bug at the centre, or a forged key): the reader refuses
        Path file = build(List.of(card), BATCH, transportA);
        DataFileReader reader = reader(makerA, MAKER_A);
        DataFileHeader header = reader.verify(file, BATCH).header();
        reader.read(file, BATCH, c -> { }); // imports the data key into the maker's device
        KeyId dataKey = WrappedKey.parse(header.dataKey()).id();
        byte[] headerBytes = new ObjectMapper().writeValueAsBytes(header);
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        byte[] fields = new ObjectMapper().writeValueAsBytes(CardFields.of(card, List.of()));
        DataFileFormat.writeInt(record, fields.length);
        record.write(fields);
        record.write(card.photo());
        ByteArrayOutputStream forged = new ByteArrayOutputStream();
        forged.write(DataFileFormat.MAGIC);
        DataFileFormat.writeInt(forged, headerBytes.length);
        forged.write(headerBytes);
        for (int i = 0; i < 2; i++) {
            byte[] sealed = makerA.sm4EncryptGcm(dataKey, DataFileFormat.aad(centre.sm3(headerBytes), i),
                    record.toByteArray());
            DataFileFormat.writeInt(forged, sealed.length);
            forged.write(sealed);
        }
        DataFileFormat.writeInt(forged, 0);
        DataFileFormat.writeInt(forged, 2);
        forged.write(DataFileFormat.END);
        forged.write(centre.sm2Sign(signer, centre.sm3(forged.toByteArray())));
        Files.write(file, forged.toByteArray());

        List<CardRecord> handed = new ArrayList<>();
        DataFileRefusedException refused = catchThrowableOfType(DataFileRefusedException.class,
                () -> reader.read(file, BATCH, handed::add));
        assertThat(refused.reason()).isEqualTo(DataFileRefusal.DUPLICATE_CARD);
        assertThat(refused.getMessage()).contains("DF-DUPLICATE-CARD").contains(card.cardNo());
    }

    @Test
    @DisplayName("PER-02: a file signed by a key the maker does not trust is refused (DF-SIGNATURE)")
    void untrustedSigner() throws IOException {
        Path file = build(DataFileTestSupport.cards(1, 100), BATCH, transportA);
        KeyId stranger = makerB.generateSm2KeyPair("someone.sign", KeyUsage.SIGNATURE).id();
        DataFileReader trustsStranger = new DataFileReader(makerA, MAKER_A, List.of(makerB.publicKey(stranger)));
        assertThat(refusal(() -> trustsStranger.verify(file, BATCH))).isEqualTo(DataFileRefusal.SIGNATURE_INVALID);
    }

    @Test
    @DisplayName("PER-02: the writer streams: each card is sealed and written before the next is asked for, so a "
            + "10,000-card batch never sits in memory (one card's plaintext at a time)")
    void streams() {
        int photo = 20_480;
        long[] written = new long[1];
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                written[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                written[0] += len;
            }
        };
        List<Long> writtenWhenAsked = new ArrayList<>();
        java.util.Iterator<CardRecord> cards = new java.util.Iterator<>() {
            private int next = 1;

            @Override
            public boolean hasNext() {
                return next <= 200;
            }

            @Override
            public CardRecord next() {
                writtenWhenAsked.add(written[0]);
                return DataFileTestSupport.card(next++, photo);
            }
        };
        String name = DataFileFormat.fileName(BATCH, MAKER_A, LocalDate.of(2026, 12, 6), 1);
        DataFileWriter.Sealed sealed = new DataFileWriter(centre).write(new DataFileWriter.Order(name, BATCH, MAKER_A,
                "440100-ZX", "440100", transportA, List.of(), signer), cards, NOW, counting);
        assertThat(sealed.cardCount()).isEqualTo(200);
        assertThat(sealed.bytes()).isEqualTo(written[0]);
        for (int i = 1; i < writtenWhenAsked.size(); i++) {
            assertThat(writtenWhenAsked.get(i) - writtenWhenAsked.get(i - 1)).as("card %d", i)
                    .isGreaterThan(photo);
        }
    }

    @Test
    @DisplayName("PER-01: the file name follows the naming rule; bad batch numbers, maker codes and sequences are "
            + "refused")
    void naming() {
        assertThat(DataFileFormat.fileName("PC1", "ZK-1", LocalDate.of(2026, 1, 2), 12))
                .isEqualTo("PC1_ZK-1_20260102_012.hcdf");
        assertThat(DataFileFormat.isFileName("PC1_ZK-1_20260102_012.hcdf")).isTrue();
        assertThat(DataFileFormat.isFileName("../PC1_ZK-1_20260102_012.hcdf")).isFalse();
        assertThatThrownBy(() -> DataFileFormat.fileName("pc/1", "ZK", LocalDate.now(), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DataFileFormat.fileName("PC1", "ZK_1", LocalDate.now(), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DataFileFormat.fileName("PC1", "ZK", LocalDate.now(), 1000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("PER-03 PER-05: each card's own application keys travel only wrapped, inside its sealed record: no 16 "
            + "bytes of the file are the city root or a card's key; the maker's reader unwraps each card's key inside "
            + "its device, equal to the centre's; the root never reaches the maker; a changed record is refused "
            + "(DF-SIGNATURE)")
    void applicationKeysOnlyWrapped() throws IOException {
        List<CardRecord> cards = DataFileTestSupport.cards(3, 500);
        Path file = build(cards, BATCH, transportA);
        byte[] bytes = Files.readAllBytes(file);
        String rootKcv = centre.keyCheckValue(appKey);
        assertThat(DataFileTestSupport.holdsKeyInTheClear(bytes, rootKcv)).isFalse();
        for (CardRecord card : cards) {
            assertThat(DataFileTestSupport.holdsKeyInTheClear(bytes, centre.keyCheckValue(DataFileFormat.cardKey(appKey, card.cardNo()))))
                    .isFalse();
        }

        DataFileReader.Verified read = reader(makerA, MAKER_A).read(file, BATCH, c -> { });
        assertThat(read.applicationKeys()).containsExactlyElementsOf(cards.stream()
                .map(c -> DataFileFormat.cardKeyId(appKey, c.cardNo())).toList());
        for (CardRecord card : cards) {
            KeyId atMaker = DataFileFormat.cardKeyId(appKey, card.cardNo());
            assertThat(makerA.keyInfo(atMaker).orElseThrow().usage()).isEqualTo(KeyUsage.DATA);
            // the same card key on both devices, by check value and by what it encrypts
            assertThat(makerA.keyCheckValue(atMaker))
                    .isEqualTo(centre.keyCheckValue(DataFileFormat.cardKey(appKey, card.cardNo())));
            byte[] block = card.cardNo().substring(0, 16).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(makerA.sm4EncryptEcb(atMaker, block))
                    .isEqualTo(centre.sm4EncryptEcb(DataFileFormat.cardKey(appKey, card.cardNo()), block));
        }
        // the maker holds the batch's card keys only: no key of its device is the root (it could derive every card)
        assertThat(makerA.listKeys()).noneMatch(k -> k.checkValue().equals(rootKcv));
        assertThat(makerA.listKeys()).noneMatch(k -> k.id().label().equals(appKey.label()));
        assertThat(DataFileFormat.cardDiversification("150102000000000042"))
                .isEqualTo(java.util.HexFormat.of().parseHex("0102000000000042"));

        // one byte of the first card's sealed record (fields with its wrapped keys) changed: refused
        int headerLength = java.nio.ByteBuffer.wrap(bytes, DataFileFormat.MAGIC.length, 4).getInt();
        int pos = DataFileFormat.MAGIC.length + 4 + headerLength + 4 + 40;
        bytes[pos] ^= 0x01;
        Path tampered = dir.resolve("tampered").resolve(file.getFileName());
        Files.createDirectories(tampered.getParent());
        Files.write(tampered, bytes);
        DataFileRefusedException refused = catchThrowableOfType(DataFileRefusedException.class,
                () -> reader(makerA, MAKER_A).read(tampered, BATCH, c -> { }));
        assertThat(refused.reason()).isEqualTo(DataFileRefusal.SIGNATURE_INVALID);
        assertThat(refused.reason().code()).isEqualTo("DF-SIGNATURE");
    }

    @Test
    @DisplayName("PER-03 (test of the test, review 14): the clear-key search finds a key written hex- or "
            + "Base64-encoded into a header string, as well as raw bytes")
    void clearKeySearchFindsEncodedKeys() throws IOException {
        byte[] key = new byte[16];
        new java.util.Random(7).nextBytes(key);
        org.bouncycastle.crypto.engines.SM4Engine sm4 = new org.bouncycastle.crypto.engines.SM4Engine();
        sm4.init(true, new org.bouncycastle.crypto.params.KeyParameter(key));
        byte[] out = new byte[16];
        sm4.processBlock(new byte[16], 0, out, 0);
        String kcv = java.util.HexFormat.of().withUpperCase().formatHex(out, 0, 4);
        for (String leaked : List.of(java.util.HexFormat.of().formatHex(key),
                "HCWK1:x:1:" + java.util.Base64.getEncoder().encodeToString(key))) {
            byte[] header = new ObjectMapper().writeValueAsBytes(java.util.Map.of("format", "HCDF1",
                    "dataKey", leaked));
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            file.write(DataFileFormat.MAGIC);
            DataFileFormat.writeInt(file, header.length);
            file.write(header);
            assertThat(DataFileTestSupport.holdsKeyInTheClear(file.toByteArray(), kcv)).as(leaked).isTrue();
        }
        byte[] clean = new ObjectMapper().writeValueAsBytes(java.util.Map.of("format", "HCDF1"));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(DataFileFormat.MAGIC);
        DataFileFormat.writeInt(file, clean.length);
        file.write(clean);
        assertThat(DataFileTestSupport.holdsKeyInTheClear(file.toByteArray(), kcv)).isFalse();
    }
}
