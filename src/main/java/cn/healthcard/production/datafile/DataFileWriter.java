package cn.healthcard.production.datafile;

import cn.healthcard.crypto.Sm3OutputStream;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.crypto.device.KeyUsage;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The centre's side of a production data file (PER-01, PER-02, PER-05; decision 026): builds, seals and signs one file
 * while the cards stream through, one card's plaintext in memory at a time. The data key is fresh per file, generated
 * in the device, leaves it only wrapped under the card maker's transport key, and is archived after sealing (it does
 * no new work). Each card's own application keys go into its sealed record only wrapped under the same transport key.
 */
public class DataFileWriter {

    private final CryptoDevice device;
    private final ObjectMapper json = new ObjectMapper();

    public DataFileWriter(CryptoDevice device) {
        this.device = device;
    }

    /**
     * What to seal: the file's name and addressing.
     *
     * @param fileName     by {@link DataFileFormat#fileName}
     * @param transportKey the maker's transport key (usage KEY_ENCRYPTION) as this device holds it
     * @param signer       the centre's SM2 signature key
     */
    public record Order(String fileName, String batchNo, String makerCode, String issuerCode, String regionCode,
                        KeyId transportKey, List<KeyId> applicationKeys, KeyId signer) {
        public Order {
            if (!DataFileFormat.isFileName(fileName) || !fileName.startsWith(batchNo + "_" + makerCode + "_")) {
                throw new IllegalArgumentException("文件名不符合命名规则：" + fileName);
            }
            applicationKeys = applicationKeys == null ? List.of() : List.copyOf(applicationKeys);
        }
    }

    /** The sealed file: its name, card count, size and the SM3 digest the signature covers (hex). */
    public record Sealed(String fileName, String batchNo, String makerCode, int cardCount, long bytes,
                         String digest) {
    }

    /**
     * Writes the sealed file to {@code out} (not closed).
     *
     * @throws IllegalArgumentException if a card number repeats, or there are no cards
     */
    public Sealed write(Order order, Iterator<CardRecord> cards, Instant now, OutputStream out) {
        KeyInfo dataKey = device.generateSymmetricKey(DataFileFormat.dataKeyLabel(order.fileName()), KeyUsage.DATA);
        try {
            DataFileHeader header = new DataFileHeader(DataFileFormat.FORMAT, order.fileName(), order.batchNo(),
                    order.makerCode(), order.issuerCode(), order.regionCode(), now.toString(),
                    new DataFileHeader.KeyRef(order.transportKey().label(), order.transportKey().version(),
                            device.keyCheckValue(order.transportKey())),
                    device.exportKey(dataKey.id(), order.transportKey()).encoded());
            byte[] headerBytes = json.writeValueAsBytes(header);
            byte[] headerDigest = device.sm3(headerBytes);
            Sm3OutputStream signed = new Sm3OutputStream(out);
            signed.write(DataFileFormat.MAGIC);
            DataFileFormat.writeInt(signed, headerBytes.length);
            signed.write(headerBytes);
            Set<String> cardNos = new HashSet<>();
            int index = 0;
            ByteArrayOutputStream plain = new ByteArrayOutputStream(32 * 1024);
            while (cards.hasNext()) {
                CardRecord card = cards.next();
                if (!cardNos.add(card.cardNo())) {
                    throw new IllegalArgumentException("卡号 " + card.cardNo() + " 在批次中重复");
                }
                plain.reset();
                byte[] fields = json.writeValueAsBytes(CardFields.of(card, cardKeys(order, card.cardNo())));
                DataFileFormat.writeInt(plain, fields.length);
                plain.write(fields);
                plain.write(card.photo());
                byte[] sealed = device.sm4EncryptGcm(dataKey.id(), DataFileFormat.aad(headerDigest, index),
                        plain.toByteArray());
                DataFileFormat.writeInt(signed, sealed.length);
                signed.write(sealed);
                index++;
            }
            if (index == 0) {
                throw new IllegalArgumentException("批次中没有卡");
            }
            DataFileFormat.writeInt(signed, 0);
            DataFileFormat.writeInt(signed, index);
            signed.write(DataFileFormat.END);
            byte[] digest = signed.digest();
            byte[] signature = device.sm2Sign(order.signer(), digest);
            out.write(signature);
            out.flush();
            return new Sealed(order.fileName(), order.batchNo(), order.makerCode(), index,
                    signed.size() + signature.length, HexFormat.of().formatHex(digest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            device.archive(dataKey.id());
        }
    }

    /**
     * The card's own application keys: derived in this device from each city root of {@link Order#applicationKeys()}
     * by the card's diversification data and exported only wrapped under the maker's transport key (the roots never
     * leave the device).
     */
    private List<String> cardKeys(Order order, String cardNo) {
        return order.applicationKeys().stream()
                .map(root -> device.exportKey(DataFileFormat.cardKey(root, cardNo),
                        DataFileFormat.cardKeyId(root, cardNo), KeyUsage.DATA, order.transportKey()).encoded())
                .toList();
    }
}
