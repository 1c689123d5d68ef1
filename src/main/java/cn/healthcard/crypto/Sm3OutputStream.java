package cn.healthcard.crypto;

import org.bouncycastle.crypto.digests.SM3Digest;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HexFormat;

/**
 * Passes bytes through to another stream while counting them and computing their SM3 (GB/T 32905) on the way: the
 * fingerprint of a file written once, without reading it back (production data files, statistics exports).
 */
public final class Sm3OutputStream extends FilterOutputStream {

    private final SM3Digest digest = new SM3Digest();
    private long size;

    public Sm3OutputStream(OutputStream out) {
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

    /** The bytes written so far. */
    public long size() {
        return size;
    }

    /** The 32-byte SM3 of what was written; ends the digest (call once, after the last write). */
    public byte[] digest() {
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        return hash;
    }

    /** {@link #digest()} as lower-case hex. */
    public String sm3Hex() {
        return HexFormat.of().formatHex(digest());
    }

    /** The SM3 of {@code bytes} as lower-case hex. */
    public static String sm3Hex(byte[] bytes) {
        SM3Digest d = new SM3Digest();
        d.update(bytes, 0, bytes.length);
        byte[] hash = new byte[d.getDigestSize()];
        d.doFinal(hash, 0);
        return HexFormat.of().formatHex(hash);
    }
}
