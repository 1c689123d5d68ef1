package cn.healthcard.ehc;

import cn.healthcard.common.RegionCode;
import cn.healthcard.crypto.EhcIdAlgorithm;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.crypto.device.KeyType;
import cn.healthcard.crypto.device.KeyUsage;
import cn.healthcard.crypto.internal.TestKms;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionService;
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
    static final String HOSPITAL = "IT-H-110105";

    private EhcTestSupport() {
    }

    /**
     * Makes the vector's root key the current application-data-read key of the device, imported under a KEK as the
     * key-management centre would send it (once per keystore: the IT keystore under target/ keeps it).
     */
    static void vectorRootKey(CryptoDevice device) {
        String label = EhcIdAlgorithm.APP_DATA_READ_KEY;
        if (device.keyCheckValue(device.currentKey(label)).equals(TestKms.checkValue(VECTOR_ROOT))) {
            return;
        }
        int next = device.listKeys().stream().map(KeyInfo::id).filter(k -> k.label().equals(label))
                .mapToInt(KeyId::version).max().orElse(0) + 1;
        new TestKms(HEX.parseHex("8899AABBCCDDEEFF0011223344556677"), "it.kms.kek")
                .importKey(device, new KeyId(label, next), KeyType.SM4, KeyUsage.DERIVATION, VECTOR_ROOT);
    }

    static String hospital(InstitutionService institutions) {
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
                terminals.register(id, HOSPITAL, "测试识读终端");
            }
        });
        return id;
    }
}
