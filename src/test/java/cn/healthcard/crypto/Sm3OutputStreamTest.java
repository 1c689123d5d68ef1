package cn.healthcard.crypto;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class Sm3OutputStreamTest {

    /** GB/T 32905-2016 Annex A, example 1. */
    private static final String ABC = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0";

    @Test
    @DisplayName("Passes every byte through, counts them, and gives the standard's SM3 of \"abc\"")
    void standardVector() throws Exception {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        try (Sm3OutputStream out = new Sm3OutputStream(target)) {
            out.write('a');
            out.write("xbcx".getBytes(StandardCharsets.US_ASCII), 1, 2);
            assertThat(out.size()).isEqualTo(3);
            assertThat(out.sm3Hex()).isEqualTo(ABC);
        }
        assertThat(target.toString(StandardCharsets.US_ASCII)).isEqualTo("abc");
        assertThat(Sm3OutputStream.sm3Hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC);
    }
}
