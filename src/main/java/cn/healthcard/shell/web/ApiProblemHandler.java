package cn.healthcard.shell.web;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.common.ServiceUnavailableException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Every API error as an RFC 9457 problem detail: 400 lists each bad field ({@code errors[].field/message}),
 * 409 carries a stable {@code code}, 403 and 404 say what they mean. Nothing has changed when one of these is sent.
 */
@RestControllerAdvice(basePackages = "cn.healthcard")
class ApiProblemHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(DomainValidationException.class)
    ProblemDetail invalid(DomainValidationException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "提交的数据有误 (invalid data)");
        p.setType(URI.create("urn:healthcard:problem:invalid-data"));
        p.setTitle("Invalid data");
        p.setProperty("errors", e.violations().stream()
                .map(v -> Map.of("field", v.field(), "message", v.message())).toList());
        return p;
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        p.setType(URI.create("urn:healthcard:problem:" + e.code().toLowerCase().replace('_', '-')));
        p.setTitle("Conflict");
        p.setProperty("code", e.code());
        return p;
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ServiceUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(ServiceUnavailableException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        p.setType(URI.create("urn:healthcard:problem:" + e.code().toLowerCase().replace('_', '-')));
        p.setTitle("Service unavailable");
        p.setProperty("code", e.code());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "30").body(p);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail denied(AccessDeniedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "无权执行此操作 (access denied)");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "请求内容无法解析 (malformed JSON or wrong value type)");
        p.setType(URI.create("urn:healthcard:problem:invalid-data"));
        String field = fieldOf(ex);
        if (field != null) {
            p.setProperty("errors", List.of(Map.of("field", field, "message", "「" + field + "」的格式不正确")));
        }
        return ResponseEntity.badRequest().body(p);
    }

    private static String fieldOf(HttpMessageNotReadableException ex) {
        if (ex.getCause() instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            return m.getPath().get(m.getPath().size() - 1).getFieldName();
        }
        return null;
    }
}
