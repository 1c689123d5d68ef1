package cn.healthcard.gateway.internal;

import cn.healthcard.gateway.GatewayMethod;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The authorization-code file (授权码文件, 003 §5.4, EHC-06), format {@code HCAC1}: JSON
 * <pre>{"format":"HCAC1","payload":"&lt;Base64 of the content JSON&gt;","signature":"&lt;hex r||s&gt;",
 * "publicKey":"&lt;hex 04||x||y&gt;"}</pre>
 * The content names the app, its secret and secret version, the gateway, the SDKs it is authorised for with their
 * methods, and when it was issued. The platform signs the payload bytes with SM2 (default signer ID
 * {@code 1234567812345678}, {@code ehc.app-auth-sign}), so an app's installer can check that the file is the platform's
 * and unaltered before it takes the secret.
 */
public final class AuthorizationCodeFile {

    public static final String FORMAT = "HCAC1";
    public static final String GATEWAY_PATH = "/api/v1/ehc/gateway";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuthorizationCodeFile() {
    }

    public record Grant(String sdkId, Set<GatewayMethod> methods) {
    }

    public record Content(String appId, String appName, String institutionCode, String secret, int secretVersion,
                          List<Grant> grants, Instant issuedAt) {
        @Override
        public String toString() {
            return "Content[" + appId + " v" + secretVersion + ", secret hidden]";
        }
    }

    public static byte[] write(Content content, AppSecrets secrets) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("appId", content.appId());
        payload.put("appName", content.appName());
        if (content.institutionCode() != null) {
            payload.put("institutionCode", content.institutionCode());
        }
        payload.put("appSecret", content.secret());
        payload.put("secretVersion", content.secretVersion());
        payload.put("gateway", GATEWAY_PATH);
        payload.put("signType", "SM3");
        var sdks = payload.putArray("sdks");
        for (Grant grant : content.grants()) {
            var sdk = sdks.addObject();
            sdk.put("sdkId", grant.sdkId());
            var methods = sdk.putArray("methods");
            grant.methods().stream().map(GatewayMethod::code).sorted().forEach(methods::add);
        }
        payload.put("issuedAt", content.issuedAt().toString());
        try {
            byte[] bytes = JSON.writeValueAsBytes(payload);
            ObjectNode file = JSON.createObjectNode();
            file.put("format", FORMAT);
            file.put("payload", Base64.getEncoder().encodeToString(bytes));
            file.put("signature", HexFormat.of().withUpperCase().formatHex(secrets.sign(bytes)));
            file.put("publicKey", HexFormat.of().withUpperCase().formatHex(secrets.platformPublicKey()));
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(file).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
