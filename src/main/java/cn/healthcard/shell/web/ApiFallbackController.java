package cn.healthcard.shell.web;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * An API path that no operation serves answers 404 as a problem detail. Without it the request would fall through
 * to the web UI's servlet and get its HTML page with 200, which an API client would take for an answer (e.g. after
 * an operation was withdrawn). The most specific mapping wins, so every real operation keeps its own.
 */
@Hidden
@RestController
class ApiFallbackController {

    @RequestMapping("/api/**")
    ProblemDetail unknown() {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "没有这个接口 (no such API operation)");
        p.setType(URI.create("urn:healthcard:problem:no-such-operation"));
        p.setTitle("Not Found");
        return p;
    }
}
