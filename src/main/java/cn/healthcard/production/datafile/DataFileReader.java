package cn.healthcard.production.datafile;

import cn.healthcard.crypto.CryptoException;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.crypto.device.KeyState;
import cn.healthcard.crypto.device.WrappedKey;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bouncycastle.crypto.digests.SM3Digest;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The card maker's side of a production data file (PER-02, PER-03, PER-05; decision 026): what the simulator and a
 * maker's own software run. In this order it checks the centre's signature (before parsing anything), the structure,
 * that the file is addressed to this maker and to the expected batch, that this maker's device holds the transport key
 * version; then unwraps the data key with that transport key, decrypts card by card and parses. Every refusal is a
 * {@link DataFileRefusedException} with a {@link DataFileRefusal} the maker can act on. The file is read twice from
 * disk (verify, then decrypt), never held whole in memory.
 */
public class DataFileReader {

    private final CryptoDevice device;
    private final String makerCode;
    private final List<byte[]> centreKeys;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /**
     * @param device     the maker's crypto device, holding its transport keys (same label and version as at the centre)
     * @param makerCode  this maker's institution code
     * @param centreKeys the centre's SM2 signature public keys this maker trusts (every version still in use)
     */
    public DataFileReader(CryptoDevice device, String makerCode, List<byte[]> centreKeys) {
        this.device = device;
        this.makerCode = makerCode;
        this.centreKeys = centreKeys.stream().map(byte[]::clone).toList();
    }

    /**
     * A verified file: its header and card count; after {@link #read}, also the cards' own application keys imported
     * into this device (usable by handle only; {@code DataFileFormat.cardKeyId(root, cardNo)} names them).
     */
    public record Verified(DataFileHeader header, int cardCount, long bytes, List<KeyId> applicationKeys) {
        public Verified {
            applicationKeys = applicationKeys == null ? List.of() : List.copyOf(applicationKeys);
        }

        Verified(DataFileHeader header, int cardCount, long bytes) {
            this(header, cardCount, bytes, List.of());
        }
    }

    /** Checks the signature, structure, addressing, batch and key version, without decrypting any card. */
    public Verified verify(Path file, String expectedBatch) {
        long size = size(file);
        if (size < DataFileFormat.MIN_FILE_BYTES) {
            throw new DataFileRefusedException(DataFileRefusal.TRUNCATED, size + " 字节");
        }
        checkSignature(file, size);
        Verified verified = structure(file, size);
        DataFileHeader header = verified.header();
        if (!makerCode.equals(header.makerCode())) {
            throw new DataFileRefusedException(DataFileRefusal.OTHER_MAKER, "收件方 " + header.makerCode());
        }
        if (expectedBatch != null && !expectedBatch.equals(header.batchNo())) {
            throw new DataFileRefusedException(DataFileRefusal.WRONG_BATCH, "文件批次 " + header.batchNo());
        }
        if (!file.getFileName().toString().equals(header.fileName())) {
            throw new DataFileRefusedException(DataFileRefusal.WRONG_BATCH, "文件名与文件内容不符：" + header.fileName());
        }
        transportKey(header);
        return verified;
    }

    /**
     * Verifies, then decrypts and parses every card in file order into {@code sink}. A refusal can come after some
     * cards were handed over (a duplicate card number): the caller stages the cards and acts only when this returns.
     */
    public Verified read(Path file, String expectedBatch, Consumer<CardRecord> sink) {
        Verified verified = verify(file, expectedBatch);
        DataFileHeader header = verified.header();
        KeyId dataKey = dataKey(header);
        KeyId transport = transportKey(header);
        List<KeyId> cardKeys = new java.util.ArrayList<>();
        Set<String> cardNos = new HashSet<>();
        try (DataInputStream in = open(file)) {
            byte[] headerBytes = skipToRecords(in);
            byte[] headerDigest = device.sm3(headerBytes);
            for (int index = 0; ; index++) {
                int length = in.readInt();
                if (length == 0) {
                    break;
                }
                byte[] plain;
                try {
                    plain = device.sm4DecryptGcm(dataKey, DataFileFormat.aad(headerDigest, index),
                            in.readNBytes(length));
                } catch (CryptoException | IllegalArgumentException e) {
                    throw new DataFileRefusedException(DataFileRefusal.SIGNATURE_INVALID, "第 " + (index + 1)
                            + " 张卡的数据不能解密（文件在验签后被改动）", e);
                }
                CardFields fields = parse(plain, index);
                CardRecord card = fields.with(photo(plain));
                if (!cardNos.add(card.cardNo())) {
                    throw new DataFileRefusedException(DataFileRefusal.DUPLICATE_CARD, "卡号 " + card.cardNo());
                }
                for (String wrapped : fields.applicationKeys()) {
                    cardKeys.add(unwrap(wrapped, transport, "卡号 " + card.cardNo() + " 的应用密钥",
                            ".card-" + card.cardNo().toLowerCase(java.util.Locale.ROOT)));
                }
                sink.accept(card);
            }
        } catch (EOFException e) {
            throw new DataFileRefusedException(DataFileRefusal.TRUNCATED, "文件在验签后变短", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Verified(header, verified.cardCount(), verified.bytes(), cardKeys);
    }

    private void checkSignature(Path file, long size) {
        SM3Digest sm3 = new SM3Digest();
        byte[] signature;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            byte[] magic = in.readNBytes(DataFileFormat.MAGIC.length);
            if (!Arrays.equals(magic, DataFileFormat.MAGIC)) {
                throw new DataFileRefusedException(DataFileRefusal.MALFORMED, "文件头不是 " + DataFileFormat.FORMAT);
            }
            sm3.update(magic, 0, magic.length);
            long remaining = size - DataFileFormat.SIGNATURE_BYTES - magic.length;
            byte[] buffer = new byte[64 * 1024];
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    throw new DataFileRefusedException(DataFileRefusal.TRUNCATED, "文件在读取中变短");
                }
                sm3.update(buffer, 0, n);
                remaining -= n;
            }
            signature = in.readNBytes(DataFileFormat.SIGNATURE_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] end = readAt(file, size - DataFileFormat.SIGNATURE_BYTES - DataFileFormat.END.length,
                DataFileFormat.END.length);
        if (!Arrays.equals(end, DataFileFormat.END)) {
            throw new DataFileRefusedException(DataFileRefusal.TRUNCATED, "没有文件结束标记");
        }
        byte[] digest = new byte[32];
        sm3.doFinal(digest, 0);
        for (byte[] key : centreKeys) {
            if (device.sm2Verify(key, digest, signature)) {
                return;
            }
        }
        throw new DataFileRefusedException(DataFileRefusal.SIGNATURE_INVALID, null);
    }

    /** Walks the signed structure: header, record lengths, end, count. */
    private Verified structure(Path file, long size) {
        try (DataInputStream in = open(file)) {
            byte[] headerBytes = skipToRecords(in);
            DataFileHeader header;
            try {
                header = json.readValue(headerBytes, DataFileHeader.class);
            } catch (IOException e) {
                throw new DataFileRefusedException(DataFileRefusal.MALFORMED, "文件头不是有效的 JSON", e);
            }
            if (!DataFileFormat.FORMAT.equals(header.format()) || header.makerCode() == null
                    || header.batchNo() == null || header.transportKey() == null || header.dataKey() == null
                    || !DataFileFormat.isFileName(header.fileName())) {
                throw new DataFileRefusedException(DataFileRefusal.MALFORMED, "文件头缺少必需项");
            }
            long position = DataFileFormat.MAGIC.length + 4L + headerBytes.length;
            int cards = 0;
            while (true) {
                int length = in.readInt();
                position += 4;
                if (length == 0) {
                    break;
                }
                if (length < 0 || length > DataFileFormat.MAX_RECORD_BYTES) {
                    throw new DataFileRefusedException(DataFileRefusal.MALFORMED, "第 " + (cards + 1) + " 张卡长度 "
                            + length);
                }
                in.skipNBytes(length);
                position += length;
                cards++;
            }
            int count = in.readInt();
            position += 4 + DataFileFormat.END.length + DataFileFormat.SIGNATURE_BYTES;
            if (count != cards || position != size || cards == 0) {
                throw new DataFileRefusedException(DataFileRefusal.MALFORMED, "卡数 " + count + " 与记录数 " + cards
                        + " 不符或结构不完整");
            }
            return new Verified(header, cards, size);
        } catch (EOFException e) {
            throw new DataFileRefusedException(DataFileRefusal.MALFORMED, "记录越过文件末尾", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private KeyId transportKey(DataFileHeader header) {
        DataFileHeader.KeyRef ref = header.transportKey();
        KeyId id;
        try {
            id = new KeyId(ref.label(), ref.version());
        } catch (IllegalArgumentException e) {
            throw new DataFileRefusedException(DataFileRefusal.MALFORMED, "传输密钥标识无效", e);
        }
        KeyInfo info = device.keyInfo(id).orElseThrow(() -> new DataFileRefusedException(
                DataFileRefusal.UNKNOWN_KEY_VERSION, "传输密钥 " + id));
        if (info.state() == KeyState.DESTROYED || !info.checkValue().equals(ref.checkValue())) {
            throw new DataFileRefusedException(DataFileRefusal.UNKNOWN_KEY_VERSION, "传输密钥 " + id + " 校验值不符或已销毁");
        }
        return id;
    }

    /** The data key in this device: the one already imported (a file read again), else imported now. */
    private KeyId dataKey(DataFileHeader header) {
        return unwrap(header.dataKey(), transportKey(header), "数据密钥", null);
    }

    /**
     * Imports a key wrapped under the transport key (or finds the same key already here).
     *
     * @param labelSuffix how the key's label must end (a card's key names its card), or null
     */
    private KeyId unwrap(String encoded, KeyId transport, String what, String labelSuffix) {
        WrappedKey wrapped;
        try {
            wrapped = WrappedKey.parse(encoded);
        } catch (IllegalArgumentException e) {
            throw new DataFileRefusedException(DataFileRefusal.MALFORMED, what + "格式无效", e);
        }
        if (labelSuffix != null && !wrapped.id().label().endsWith(labelSuffix)) {
            throw new DataFileRefusedException(DataFileRefusal.MALFORMED, what + "属于其他卡：" + wrapped.id());
        }
        if (!wrapped.kek().equals(transport)) {
            throw new DataFileRefusedException(DataFileRefusal.UNKNOWN_KEY_VERSION, what + "不在传输密钥 " + transport
                    + " 下");
        }
        var present = device.keyInfo(wrapped.id());
        if (present.isPresent()) {
            if (present.get().state() == KeyState.DESTROYED
                    || !present.get().checkValue().equals(wrapped.checkValue())) {
                throw new DataFileRefusedException(DataFileRefusal.UNKNOWN_KEY_VERSION, "设备中已有不同的 "
                        + wrapped.id());
            }
            return wrapped.id();
        }
        try {
            return device.importKey(wrapped, transport).id();
        } catch (CryptoException | IllegalArgumentException e) {
            throw new DataFileRefusedException(DataFileRefusal.UNKNOWN_KEY_VERSION, what + "不能用传输密钥 "
                    + transport + " 解开", e);
        }
    }

    private CardFields parse(byte[] plain, int index) {
        try {
            int length = fieldsLength(plain);
            if (length < 0 || length > plain.length - 4) {
                throw new IllegalArgumentException("length " + length);
            }
            return json.readValue(plain, 4, length, CardFields.class);
        } catch (IOException | RuntimeException e) {
            throw new DataFileRefusedException(DataFileRefusal.MALFORMED, "第 " + (index + 1) + " 张卡的数据无法解析", e);
        }
    }

    private static int fieldsLength(byte[] plain) {
        return ((plain[0] & 0xff) << 24) | ((plain[1] & 0xff) << 16) | ((plain[2] & 0xff) << 8) | (plain[3] & 0xff);
    }

    /** The photo after the fields of a parsed record. */
    private static byte[] photo(byte[] plain) {
        return Arrays.copyOfRange(plain, 4 + fieldsLength(plain), plain.length);
    }

    private static byte[] skipToRecords(DataInputStream in) throws IOException {
        in.skipNBytes(DataFileFormat.MAGIC.length);
        int headerLength = in.readInt();
        if (headerLength <= 0 || headerLength > DataFileFormat.MAX_HEADER_BYTES) {
            throw new DataFileRefusedException(DataFileRefusal.MALFORMED, "文件头长度 " + headerLength);
        }
        return in.readNBytes(headerLength);
    }

    private static DataInputStream open(Path file) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 64 * 1024));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAt(Path file, long position, int length) {
        try (var channel = Files.newByteChannel(file)) {
            channel.position(position);
            var buffer = java.nio.ByteBuffer.allocate(length);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // fill
            }
            return buffer.array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
