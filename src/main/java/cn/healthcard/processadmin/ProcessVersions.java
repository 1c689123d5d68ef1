package cn.healthcard.processadmin;

import java.time.Instant;
import java.util.List;

/** A process and its deployed versions, as the 「流程设计」 list shows them (BPM-05). */
public record ProcessVersions(String key, String name, List<Version> versions, boolean shippedIsLatest) {

    /**
     * One deployed version: definition id, version number, where it came from ({@code shipped}: the start-up
     * deployment of {@code processes/}; {@code admin}: a reviewed change), when, and its running instances.
     */
    public record Version(String definitionId, int version, String deploymentId, String source, Instant deployedAt,
                          long runningInstances, boolean latest) {
    }
}
