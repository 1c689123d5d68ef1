package cn.healthcard.ehc;

import cn.healthcard.common.RegionCode;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.crypto.device.KeyType;
import cn.healthcard.crypto.device.KeyUsage;
import cn.healthcard.crypto.internal.TestKms;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.keys.KeyHierarchy;
import cn.healthcard.keys.KeyPurpose;
import cn.healthcard.support.TestUsers;

import java.util.HexFormat;

/** Shared set-up of the e-card tests: the design.md §5 root key in the device, a hospital and its terminals. */
public final class EhcTestSupport {

    static final HexFormat HEX = HexFormat.of().withUpperCase();
    /** The root key of the e-card test vector (design.md §5). */
    static final byte[] VECTOR_ROOT = HEX.parseHex("0123456789ABCDEFFEDCBA9876543210");
    static final String VECTOR_MASTER_INDEX = "ABD17E7ED399EF68AB5660155D6E226D2C92EAC3254A4A66BED83AED0ADA1E9E";
    static final String VECTOR_ID_NUMBER = "11010020171225006X";
    static final String VECTOR_EHC_ID = "98FF9F2C05145CB9305E9D8A57E072BB51180CA49E5BE5E9D41BCE3A9A571928";
    /** A medical institution in 朝阳区, the region of the demo clerks and the platform API user. */
    public static final String HOSPITAL = "IT-H-110105";
    /** The province key whose current version makes the e-card IDs of Beijing (110105 and the platform user). */
    static final String BEIJING_APP_DATA_READ = KeyHierarchy.eCardKeyLabel(KeyPurpose.APP_DATA_READ, "110105");

    private EhcTestSupport() {
    }

    /**
     * Makes the vector's root key the current version of Beijing's application-data-read key
     * ({@code hc.app-data-read.110000}, the province key of the e-cards of 110105), imported under a KEK as the
     * key-management centre would send it; returns its id (imported once per keystore).
     */
    static KeyId vectorRootKey(CryptoDevice device) {
        String label = BEIJING_APP_DATA_READ;
        KeyId current = device.currentKey(label);
        if (device.keyCheckValue(current).equals(TestKms.checkValue(VECTOR_ROOT))) {
            return current;
        }
        int next = device.listKeys().stream().map(KeyInfo::id).filter(k -> k.label().equals(label))
                .mapToInt(KeyId::version).max().orElse(0) + 1;
        return new TestKms(HEX.parseHex("8899AABBCCDDEEFF0011223344556677"), "it.kms.kek")
                .importKey(device, new KeyId(label, next), KeyType.SM4, KeyUsage.DERIVATION, VECTOR_ROOT).id();
    }

    /** Gives a province its e-card keys (both purposes) unless the device has them, as a key ceremony would. */
    static void provinceKeys(CryptoDevice device, String province) {
        for (KeyPurpose purpose : KeyPurpose.values()) {
            String label = KeyHierarchy.eCardKeyLabel(purpose, province);
            if (device.listKeys().stream().noneMatch(k -> k.id().label().equals(label))) {
                device.generateSymmetricKey(label, KeyUsage.DERIVATION);
            }
        }
    }

    /** The terminal model the demo data file (filing module's demo filings). */
    public static final String TERMINAL_MODEL = "HC-T100";
    /** The unified social credit code of the demo terminal model's manufacturer (康联终端科技有限公司). */
    public static final String TERMINAL_MAKER = "91110105MA01KLWD3X";

    public static String hospital(InstitutionService institutions) {
        institutions.registerIfAbsent(new Institution(HOSPITAL, "北京市朝阳区测试医院", RegionCode.of("110105"),
                InstitutionKind.MEDICAL));
        return HOSPITAL;
    }

    /** A terminal of the test hospital, registered by the admin unless it exists. */
    public static String terminal(TerminalService terminals, InstitutionService institutions, TestUsers users,
                                  String id) {
        hospital(institutions);
        users.run("admin", () -> {
            if (terminals.list().stream().noneMatch(t -> t.terminalId().equals(id))) {
                terminals.register(id, HOSPITAL, TERMINAL_MAKER, TERMINAL_MODEL, "测试识读终端");
            }
        });
        return id;
    }
}
