package cn.healthcard.supervision.web;

import cn.healthcard.supervision.RegionOutOfScopeException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A region outside the caller's scope: 403 as a problem naming the field ({@code field}, {@code errors[].field}),
 * before the general handler turns every refusal into a bare 403.
 */
@RestControllerAdvice(basePackages = "cn.healthcard")
@Order(Ordered.HIGHEST_PRECEDENCE)
class StatisticsProblems {

    @ExceptionHandler(RegionOutOfScopeException.class)
    ProblemDetail outOfScope(RegionOutOfScopeException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        p.setType(URI.create("urn:healthcard:problem:region-out-of-scope"));
        p.setTitle("Forbidden");
        p.setProperty("field", e.field());
        p.setProperty("errors", List.of(Map.of("field", e.field(), "message", "「地区」不在本人管辖范围内")));
        return p;
    }
}
