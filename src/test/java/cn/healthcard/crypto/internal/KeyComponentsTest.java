package cn.healthcard.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthcard.crypto.CryptoException;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyComponent;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.crypto.device.KeyOrigin;
import cn.healthcard.crypto.device.KeyState;
import cn.healthcard.crypto.device.KeyType;
import cn.healthcard.crypto.device.KeyUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("KEY-02 KEY-03 key backup in components on the crypto device: n-of-n XOR split, each component sealed to its custodian, all needed to restore")
class KeyComponentsTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String MASTER = "00112233445566778899aabbccddeeff";
    private static final byte[] ROOT = HEX.parseHex("0123456789ABCDEFFEDCBA9876543210");
    private static final KeyId ROOT_ID = new KeyId("hc.app-data-read.root", 1);
    private static final byte[] KNOWN_KEK = HEX.parseHex("000102030405060708090A0B0C0D0E0F");
    private static final char[] ALICE = "alice-secret-1".toCharArray();
    private static final char[] BOB = "bob-secret-22".toCharArray();
    private static final char[] CAROL = "carol-secret-333".toCharArray();

    @TempDir
    Path directory;

    private SoftwareCryptoDevice device(String name) {
        return new SoftwareCryptoDevice(directory.resolve(name).resolve("device.keystore"), MASTER);
    }

    /** A device holding the known root (imported through the test KMS). */
    private SoftwareCryptoDevice deviceWithRoot(String name) {
        SoftwareCryptoDevice device = device(name);
        new TestKms(HEX.parseHex("00000000000000000000000000000001"), "test.kms")
                .importKey(device, ROOT_ID, KeyType.SM4, KeyUsage.DERIVATION, ROOT);
        return device;
    }

    private static KeyId kek(CryptoDevice device) {
        return device.currentKey(CryptoDevice.KEK_LABEL);
    }

    /** Splits the root into three components and seals each to its custodian's secret. */
    private static List<KeyComponent> backUp(CryptoDevice device, String setId) {
        List<KeyComponent> pending = device.splitKey(ROOT_ID, setId, 3, kek(device));
        return List.of(device.sealComponent(pending.get(0), ALICE), device.sealComponent(pending.get(1), BOB),
                device.sealComponent(pending.get(2), CAROL));
    }

    private static List<KeyComponent> present(CryptoDevice device, List<KeyComponent> held) {
        return List.of(device.openComponent(held.get(0), ALICE, kek(device)),
                device.openComponent(held.get(1), BOB, kek(device)),
                device.openComponent(held.get(2), CAROL, kek(device)));
    }

    @Test
    @DisplayName("KEY-02 a key splits into components whose XOR is the key: each has its own check value and the key's, and none shows material")
    void splitGivesXorComponents() {
        SoftwareCryptoDevice device = deviceWithRoot("a");
        List<KeyComponent> components = device.splitKey(ROOT_ID, "KC-1", 3, knownKek(device));

        assertThat(components).extracting(KeyComponent::index).containsExactly(1, 2, 3);
        assertThat(components).allSatisfy(c -> {
            assertThat(c.key()).isEqualTo(ROOT_ID);
            assertThat(c.keyCheckValue()).isEqualTo(Sm4.checkValue(ROOT));
            assertThat(c.count()).isEqualTo(3);
            assertThat(c.setId()).isEqualTo("KC-1");
            assertThat(c.protection()).isInstanceOf(KeyComponent.UnderKek.class);
            assertThat(c.toString()).doesNotContain(Base64.getEncoder().encodeToString(c.ciphertext()));
            assertThat(KeyComponent.parse(c.encoded())).isEqualTo(c);
        });
        // the components, unwrapped with the KEK the test knows, XOR to the root
        byte[] xor = new byte[16];
        for (KeyComponent c : components) {
            byte[] part = ComponentWrap.unwrap(KNOWN_KEK, c, "test");
            assertThat(HEX.formatHex(part)).isNotEqualTo(HEX.formatHex(ROOT));
            assertThat(Sm4.checkValue(part)).isEqualTo(c.checkValue());
            for (int i = 0; i < 16; i++) {
                xor[i] ^= part[i];
            }
        }
        assertThat(xor).isEqualTo(ROOT);
    }

    @Test
    @DisplayName("KEY-02 components sealed to their custodians restore the key on a new device after the loss of the old one, with the same check value and origin RECOVERED")
    void restoreOnANewDevice() {
        SoftwareCryptoDevice old = deviceWithRoot("old");
        List<KeyComponent> held = backUp(old, "KC-2").stream()
                .map(c -> KeyComponent.parse(c.encoded())).toList(); // as kept outside the device, in text

        SoftwareCryptoDevice fresh = device("new");
        KeyInfo restored = fresh.restoreKey(present(fresh, held));

        assertThat(restored.id()).isEqualTo(ROOT_ID);
        assertThat(restored.checkValue()).isEqualTo(Sm4.checkValue(ROOT));
        assertThat(restored.origin()).isEqualTo(KeyOrigin.RECOVERED);
        assertThat(restored.usage()).isEqualTo(KeyUsage.DERIVATION);
        assertThat(fresh.currentKey(ROOT_ID.label())).isEqualTo(ROOT_ID);
        assertThat(fresh.keyCheckValue(new cn.healthcard.crypto.device.DerivedKey(ROOT_ID, new byte[8])))
                .isEqualTo(old.keyCheckValue(new cn.healthcard.crypto.device.DerivedKey(ROOT_ID, new byte[8])));
    }

    @Test
    @DisplayName("KEY-02 a destroyed key is restored in place from its components; on a device that holds the key the components are only verified")
    void restoreDestroyedAndVerify() {
        SoftwareCryptoDevice device = deviceWithRoot("d");
        List<KeyComponent> held = backUp(device, "KC-3");

        KeyInfo verified = device.restoreKey(present(device, held));
        assertThat(verified.origin()).isEqualTo(KeyOrigin.IMPORTED);
        assertThat(verified.state()).isEqualTo(KeyState.ACTIVE);

        device.destroy(ROOT_ID);
        KeyInfo restored = device.restoreKey(present(device, held));
        assertThat(restored.state()).isEqualTo(KeyState.ACTIVE);
        assertThat(restored.origin()).isEqualTo(KeyOrigin.RECOVERED);
        assertThat(restored.checkValue()).isEqualTo(Sm4.checkValue(ROOT));
        assertThat(device.listKeys()).filteredOn(k -> k.id().label().equals(ROOT_ID.label())).hasSize(1);
    }

    @Test
    @DisplayName("KEY-02 a missing component, a component of another backup, a repeated one or a wrong secret: the restore fails with a specific message and nothing changes")
    void failedRestoresChangeNothing() {
        SoftwareCryptoDevice device = deviceWithRoot("f");
        List<KeyComponent> held = backUp(device, "KC-4");
        List<KeyComponent> other = backUp(device, "KC-5");
        device.destroy(ROOT_ID);
        List<KeyInfo> before = device.listKeys();
        List<KeyComponent> presented = present(device, held);

        assertThatThrownBy(() -> device.restoreKey(presented.subList(0, 2)))
                .isInstanceOf(CryptoException.class).hasMessageContaining("Component 3 of 3")
                .hasMessageContaining("is missing");
        List<KeyComponent> mixed = new ArrayList<>(presented);
        mixed.set(1, device.openComponent(other.get(1), BOB, kek(device)));
        assertThatThrownBy(() -> device.restoreKey(mixed))
                .isInstanceOf(CryptoException.class).hasMessageContaining("belongs to set KC-5");
        assertThatThrownBy(() -> device.restoreKey(List.of(presented.get(0), presented.get(0), presented.get(2))))
                .isInstanceOf(CryptoException.class).hasMessageContaining("given twice");
        assertThatThrownBy(() -> device.openComponent(held.get(1), ALICE, kek(device)))
                .isInstanceOf(CryptoException.class).hasMessageContaining("does not open with this secret");
        assertThatThrownBy(() -> device.restoreKey(held))
                .isInstanceOf(CryptoException.class).hasMessageContaining("still sealed");

        assertThat(device.listKeys()).isEqualTo(before);
        assertThat(device.keyInfo(ROOT_ID).orElseThrow().state()).isEqualTo(KeyState.DESTROYED);
    }

    @Test
    @DisplayName("KEY-03 a component whose metadata or ciphertext was altered does not open or unwrap")
    void alteredComponentsAreRefused() {
        SoftwareCryptoDevice device = deviceWithRoot("t");
        KeyComponent held = backUp(device, "KC-6").get(0);

        KeyComponent renumbered = new KeyComponent(held.key(), held.usage(), held.keyCheckValue(), held.setId(), 2,
                held.count(), held.checkValue(), held.protection(), held.ciphertext());
        assertThatThrownBy(() -> device.openComponent(renumbered, ALICE, kek(device)))
                .isInstanceOf(CryptoException.class).hasMessageContaining("does not open");
        byte[] flipped = held.ciphertext();
        flipped[20] ^= 1;
        KeyComponent altered = new KeyComponent(held.key(), held.usage(), held.keyCheckValue(), held.setId(),
                held.index(), held.count(), held.checkValue(), held.protection(), flipped);
        assertThatThrownBy(() -> device.openComponent(altered, ALICE, kek(device)))
                .isInstanceOf(CryptoException.class).hasMessageContaining("does not open");
        assertThatThrownBy(() -> device.sealComponent(held, BOB)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> device.splitKey(kek(device), "KC-7", 1, kek(device)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> device.sealComponent(device.splitKey(ROOT_ID, "KC-8", 2, kek(device)).get(0),
                "short".toCharArray())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8 characters");
    }

    @Test
    @DisplayName("KEY-03 neither the key, nor a component, nor a custodian's secret appears in a component's text or in the keystore file")
    void nothingInTheClear() throws Exception {
        SoftwareCryptoDevice device = deviceWithRoot("c");
        List<KeyComponent> pending = device.splitKey(ROOT_ID, "KC-9", 2, knownKek(device));
        List<String> secrets = new ArrayList<>();
        for (KeyComponent c : pending) {
            byte[] part = ComponentWrap.unwrap(KNOWN_KEK, c, "test");
            secrets.add(HEX.formatHex(part));
            secrets.add(Base64.getEncoder().encodeToString(part));
        }
        secrets.add(HEX.formatHex(ROOT));
        secrets.add(Base64.getEncoder().encodeToString(ROOT));
        secrets.add(new String(ALICE));
        List<String> texts = new ArrayList<>();
        for (KeyComponent c : pending) {
            KeyComponent sealed = device.sealComponent(c, ALICE);
            texts.add(sealed.encoded());
            texts.add(sealed.toString());
            texts.add(c.encoded());
        }
        texts.add(Files.readString(device.keystoreFile(), StandardCharsets.UTF_8));
        for (String text : texts) {
            for (String secret : secrets) {
                assertThat(text.toUpperCase()).doesNotContain(secret.toUpperCase());
            }
        }
    }

    /** A KEK whose material the test knows, shared into the device (TestKms), so the test can unwrap components. */
    private static KeyId knownKek(SoftwareCryptoDevice device) {
        return new TestKms(KNOWN_KEK, "test.components").shareKek(device);
    }
}
