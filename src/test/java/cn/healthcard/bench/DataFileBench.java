package cn.healthcard.bench;

import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyUsage;
import cn.healthcard.crypto.internal.SoftwareCryptoDevice;
import cn.healthcard.production.datafile.CardRecord;
import cn.healthcard.production.datafile.DataFileFormat;
import cn.healthcard.production.datafile.DataFileTestSupport;
import cn.healthcard.production.datafile.DataFileWriter;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * JMH benchmark of the production data file (PER-02, decision 026; docs/performance.md §9): building, sealing and
 * signing the file of a batch ({@code cards} cards with {@code photoBytes}-byte photos) through {@link DataFileWriter}
 * on the software crypto device, against the raw BouncyCastle cost of the same bytes in the same run. Not a test; run
 * with {@code bin/bench-datafile}. One operation is one whole batch (single shot, seconds). Lines:
 * <ul>
 * <li>{@code rawSm4Sm2}: per card, SM4-GCM (BouncyCastle {@code GCMBlockCipher(SM4Engine)}, fresh IV) of as many
 * bytes as the writer seals for a card, SM3 of every ciphertext byte, and one SM2 signature at the end — the cipher,
 * digest and signature work any sealed and signed file of these bytes needs;</li>
 * <li>{@code buildSealSign}: the writer end to end: a fresh data key in the device, wrapped under the maker's
 * transport key, card JSON with the card's own two application keys (derived in the device from the city's two
 * roots, exported wrapped under the transport key), per-card SM4-GCM through the device, SM3 of the file and the
 * centre's SM2 signature, written to a discarding stream (disk speed is not the subject).</li>
 * </ul>
 * The requirement: {@code buildSealSign} ≤ 2 × {@code rawSm4Sm2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class DataFileBench {

    @Param("10000")
    int cards;

    @Param("20480")
    int photoBytes;

    private CryptoDevice device;
    private KeyId transport;
    private KeyId signer;
    private List<KeyId> applicationKeys;
    private int sequence;
    private byte[][] photos;
    private int sealedPerCard;
    private final SecureRandom random = new SecureRandom();
    private final byte[] rawKey = new byte[16];
    private AsymmetricCipherKeyPair rawSigner;
    private X9ECParameters sm2 = GMNamedCurves.getByName("sm2p256v1");

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path dir = Files.createTempDirectory("datafile-bench");
        device = new SoftwareCryptoDevice(dir.resolve("centre.keystore"), "00112233445566778899aabbccddeeff");
        CryptoDevice maker = new SoftwareCryptoDevice(dir.resolve("maker.keystore"),
                "0f0e0d0c0b0a09080706050403020100");
        transport = DataFileTestSupport.shareTransportKey(device, maker, "ZK-BENCH");
        signer = device.generateSm2KeyPair(DataFileFormat.SIGNER_LABEL, KeyUsage.SIGNATURE).id();
        // the city's two level-3 roots (PER-03): each card carries its own two keys derived from them in the device
        // and exported wrapped under the transport key, as a released plan's file does (20,000 exports per batch)
        applicationKeys = List.of(
                device.generateSymmetricKey("hc.app-data-read.440100", KeyUsage.DERIVATION).id(),
                device.generateSymmetricKey("hc.internal-auth.440100", KeyUsage.DERIVATION).id());
        photos = new byte[64][];
        for (int i = 0; i < photos.length; i++) {
            photos[i] = DataFileTestSupport.card(i, photoBytes).photo();
        }
        random.nextBytes(rawKey);
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(new ECDomainParameters(sm2), random));
        rawSigner = generator.generateKeyPair();
        // the sealed bytes per card as the writer makes them, for the raw line to process the same amount
        DataFileWriter.Sealed probe = buildSealSign();
        sealedPerCard = (int) ((probe.bytes() - 2048) / cards) - 4;
        System.out.printf(Locale.ROOT, "file of %,d cards: %,d bytes, %,d sealed bytes per card%n", cards,
                probe.bytes(), sealedPerCard);
    }

    @Benchmark
    public DataFileWriter.Sealed buildSealSign() {
        sequence++;
        String name = DataFileFormat.fileName("PC2026120601", "ZK-BENCH", LocalDate.of(2026, 12, 6), sequence);
        return new DataFileWriter(device).write(new DataFileWriter.Order(name, "PC2026120601", "ZK-BENCH",
                "440100-ZX", "440100", transport, applicationKeys, signer), cards(), Instant.now(),
                OutputStream.nullOutputStream());
    }

    @Benchmark
    public byte[] rawSm4Sm2() throws Exception {
        int plainBytes = sealedPerCard - 12 - 16;
        byte[] plain = new byte[plainBytes];
        byte[] sealed = new byte[plainBytes + 16];
        byte[] iv = new byte[12];
        SM3Digest sm3 = new SM3Digest();
        GCMBlockCipher gcm = (GCMBlockCipher) GCMBlockCipher.newInstance(new SM4Engine());
        for (int i = 0; i < cards; i++) {
            byte[] photo = photos[i % photos.length];
            System.arraycopy(photo, 0, plain, 0, Math.min(photo.length, plainBytes));
            random.nextBytes(iv);
            gcm.init(true, new AEADParameters(new KeyParameter(rawKey), 128, iv));
            int n = gcm.processBytes(plain, 0, plainBytes, sealed, 0);
            gcm.doFinal(sealed, n);
            sm3.update(iv, 0, iv.length);
            sm3.update(sealed, 0, sealed.length);
        }
        byte[] digest = new byte[32];
        sm3.doFinal(digest, 0);
        SM2Signer sm2Signer = new SM2Signer();
        sm2Signer.init(true, new ParametersWithRandom(rawSigner.getPrivate(), random));
        sm2Signer.update(digest, 0, digest.length);
        return sm2Signer.generateSignature();
    }

    /** The batch's cards, made one at a time as a query would stream them. */
    private Iterator<CardRecord> cards() {
        return new Iterator<>() {
            private int next = 1;

            @Override
            public boolean hasNext() {
                return next <= cards;
            }

            @Override
            public CardRecord next() {
                CardRecord template = DataFileTestSupport.card(next, 0);
                int i = next++;
                return new CardRecord(template.issuer(), template.holder(), photos[i % photos.length],
                        template.validUntil(), template.phones(), template.address(), template.bloodAbo(),
                        template.bloodRh(), template.medicalAlerts());
            }
        };
    }

    public static void main(String[] args) throws Exception {
        String only = args.length > 0 ? args[0] : ".*";
        Files.createDirectories(Path.of("target/bench"));
        OptionsBuilder options = new OptionsBuilder();
        options.include(DataFileBench.class.getName() + "\\." + only + "$");
        options.result("target/bench/datafile-bench.json").resultFormat(ResultFormatType.JSON);
        Collection<RunResult> results = new Runner(options.build()).run();
        List<String> lines = new ArrayList<>();
        double raw = Double.NaN;
        double writer = Double.NaN;
        for (RunResult r : results) {
            var score = r.getPrimaryResult();
            String name = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            lines.add(String.format(Locale.ROOT, "%-14s %,10.0f ms ± %,8.0f (99.9 %%)", name, score.getScore(),
                    score.getScoreError()));
            if (name.equals("rawSm4Sm2")) {
                raw = score.getScore();
            } else if (name.equals("buildSealSign")) {
                writer = score.getScore();
            }
        }
        lines.add(String.format(Locale.ROOT, "buildSealSign / rawSm4Sm2 = %.2f (requirement: ≤ 2.00)", writer / raw));
        String table = String.join("\n", lines) + "\n";
        System.out.println();
        System.out.print(table);
        Files.writeString(Path.of("target/bench/datafile-bench-results.txt"), table);
    }
}
