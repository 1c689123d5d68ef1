package cn.healthcard.supervision.export;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.util.encoders.Hex;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** An output stream that counts the bytes and computes their SM3 on the way (the file's fingerprint). */
final class Sm3Output extends FilterOutputStream {

    private final SM3Digest digest = new SM3Digest();
    private long size;

    Sm3Output(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        digest.update((byte) b);
        size++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        digest.update(b, off, len);
        size += len;
    }

    long size() {
        return size;
    }

    /** The SM3 of what was written, lower-case hex; ends the digest. */
    String sm3() {
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        return Hex.toHexString(hash);
    }

    static String of(byte[] bytes) {
        SM3Digest d = new SM3Digest();
        d.update(bytes, 0, bytes.length);
        byte[] hash = new byte[d.getDigestSize()];
        d.doFinal(hash, 0);
        return Hex.toHexString(hash);
    }
}
