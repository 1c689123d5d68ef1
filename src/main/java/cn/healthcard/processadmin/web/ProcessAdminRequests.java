package cn.healthcard.processadmin.web;

import cn.healthcard.processadmin.ProcessChangeService;
import cn.healthcard.workflow.Review;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the process administration API; every string limited at the edge. */
final class ProcessAdminRequests {

    /** 2 MiB of XML is at most 2 Mi characters. */
    static final int MAX_XML_CHARS = ProcessChangeService.MAX_XML_BYTES;

    private ProcessAdminRequests() {
    }

    record Check(@NotBlank @Size(max = MAX_XML_CHARS) String xml) {
    }

    record Change(@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z][A-Za-z0-9_-]*") String processKey,
                  @NotBlank @Size(max = 100) String baseDefinitionId,
                  @NotBlank @Size(max = MAX_XML_CHARS) String xml,
                  @NotBlank @Size(max = ProcessChangeService.MAX_NOTE) String note) {
    }

    record ReviewBody(Review.Outcome decision, @Size(max = Review.MAX_REASON) String comment) {
    }

    record Rollback(@NotBlank @Size(max = 100) String definitionId,
                    @NotBlank @Size(max = ProcessChangeService.MAX_NOTE) String note) {
    }
}
