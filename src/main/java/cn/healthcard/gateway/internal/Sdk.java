package cn.healthcard.gateway.internal;

import cn.healthcard.gateway.AppState;
import cn.healthcard.gateway.GatewayMethod;
import cn.healthcard.gateway.SdkView;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** A registered SDK (电子健康卡SDK, EHC-06); {@code methods} holds the codes of the gateway methods it offers. */
@Entity
@Table(name = "ehc_sdk")
public class Sdk {

    @Id
    private String sdkId;
    private String name;
    private String sdkVersion;
    private String developer;
    private String methods;
    @Enumerated(EnumType.STRING)
    private AppState state;
    private String regionCode;
    private Instant registeredAt;
    private String registeredBy;
    private Instant updatedAt;
    @Version
    private long version;

    protected Sdk() {
    }

    public Sdk(String sdkId, String name, String sdkVersion, String developer, Set<GatewayMethod> methods,
               String regionCode, Instant now, String registeredBy) {
        this.sdkId = sdkId;
        this.name = name;
        this.sdkVersion = sdkVersion;
        this.developer = developer;
        this.methods = methods.stream().map(GatewayMethod::code).sorted().collect(Collectors.joining(","));
        this.state = AppState.ACTIVE;
        this.regionCode = regionCode;
        this.registeredAt = now;
        this.registeredBy = registeredBy;
        this.updatedAt = now;
    }

    public String sdkId() { return sdkId; }
    public AppState state() { return state; }
    public String regionCode() { return regionCode; }

    public Set<GatewayMethod> methods() {
        Set<GatewayMethod> set = EnumSet.noneOf(GatewayMethod.class);
        Arrays.stream(methods.split(",")).map(GatewayMethod::ofCode).forEach(m -> m.ifPresent(set::add));
        return set;
    }

    public boolean offers(GatewayMethod method) {
        return state == AppState.ACTIVE && methods().contains(method);
    }

    public void changeState(AppState to, Instant now) {
        state = to;
        updatedAt = now;
    }

    public SdkView toView() {
        return new SdkView(sdkId, name, sdkVersion, developer, methods(), state, regionCode, registeredAt,
                registeredBy);
    }
}
