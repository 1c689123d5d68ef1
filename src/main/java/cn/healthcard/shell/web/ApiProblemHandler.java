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
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.math.BigDecimal;
import java.net.URI;
import java.time.temporal.Temporal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every API error as an RFC 9457 problem detail: 400 lists each bad field ({@code errors[].field/message}),
 * 409 carries a stable {@code code}, 403 and 404 say what they mean. Nothing has changed when one of these is sent.
 * Typed request records and query records ({@code @Valid @RequestBody}, {@code @Valid @ParameterObject}) fail through
 * Spring's binding and bean validation; those failures get the same 400 shape, each error naming the JSON property or
 * the query parameter the caller sent.
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
        if (e.field() != null) {
            p.setProperty("field", e.field());
        }
        return p;
    }

    /**
     * Someone else changed the same rows first (an optimistic version, a lock or a unique key lost to a concurrent
     * transaction) where the service has no conflict of its own to name: nothing was written, and the caller may read
     * again and retry. 409, never a 500.
     */
    @ExceptionHandler(org.springframework.dao.ConcurrencyFailureException.class)
    ProblemDetail concurrentChange(org.springframework.dao.ConcurrencyFailureException e) {
        org.slf4j.LoggerFactory.getLogger(ApiProblemHandler.class).info("concurrent change: {}", e.getMessage());
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "数据已被他人同时修改，本次操作未生效，请刷新后重试 (changed concurrently; nothing was saved, retry)");
        p.setType(URI.create("urn:healthcard:problem:concurrent-change"));
        p.setTitle("Conflict");
        p.setProperty("code", "CONCURRENT_CHANGE");
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

    /**
     * Stored personal data that fails its binding check (decision 022): someone changed the database. A server-side
     * error with its own code for operators; the answer names neither the data nor the row (the log does).
     */
    @ExceptionHandler(cn.healthcard.crypto.PersonalDataIntegrityException.class)
    ProblemDetail integrity(cn.healthcard.crypto.PersonalDataIntegrityException e) {
        org.slf4j.LoggerFactory.getLogger(ApiProblemHandler.class).error("personal data integrity: {}", e.getMessage());
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "存储的个人数据完整性校验失败，请联系管理员 (stored personal data failed its integrity check)");
        p.setType(URI.create("urn:healthcard:problem:personal-data-integrity"));
        p.setTitle("Personal data integrity");
        p.setProperty("code", "PERSONAL_DATA_INTEGRITY");
        return p;
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

    /** Bean validation and binding (type) failures of a typed body or query record: one error per bad field. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.putIfAbsent(parameterName(error.getField()), message(error));
        }
        ex.getBindingResult().getGlobalErrors().forEach(e -> errors.putIfAbsent(e.getObjectName(),
                e.getDefaultMessage()));
        return ResponseEntity.badRequest().body(invalid(errors));
    }

    /** A {@code @RequestParam} or {@code @PathVariable} of the wrong type. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        return ResponseEntity.badRequest().body(invalid(Map.of(String.valueOf(name),
                typeMessage(String.valueOf(name), ex.getRequiredType()))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return ResponseEntity.badRequest().body(invalid(Map.of(ex.getParameterName(),
                "请填写「" + ex.getParameterName() + "」")));
    }

    /**
     * Method validation (a constraint on a {@code @PathVariable} or {@code @RequestParam}, and then also the
     * method's {@code @Valid} body): 400 naming each parameter or body field.
     */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            org.springframework.web.method.annotation.HandlerMethodValidationException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (var result : ex.getAllValidationResults()) {
            if (result instanceof org.springframework.validation.method.ParameterErrors bean) {
                // a @Valid body or query record validated with the method: its fields, as for a binding failure
                for (FieldError error : bean.getFieldErrors()) {
                    errors.putIfAbsent(parameterName(error.getField()), message(error));
                }
                bean.getGlobalErrors().forEach(e -> errors.putIfAbsent(e.getObjectName(), e.getDefaultMessage()));
            } else {
                String name = String.valueOf(result.getMethodParameter().getParameterName());
                result.getResolvableErrors().forEach(e -> errors.putIfAbsent(name, e.getDefaultMessage()));
            }
        }
        return ResponseEntity.badRequest().body(invalid(errors));
    }

    /** A multipart request without a required part (e.g. {@code file}): 400 naming the part. */
    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(
            org.springframework.web.multipart.support.MissingServletRequestPartException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(invalid(Map.of(ex.getRequestPartName(),
                "请选择「" + ex.getRequestPartName() + "」")));
    }

    private static ProblemDetail invalid(Map<String, String> errors) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "提交的数据有误 (invalid data)");
        p.setType(URI.create("urn:healthcard:problem:invalid-data"));
        p.setTitle("Invalid data");
        p.setProperty("errors", errors.entrySet().stream()
                .map(e -> Map.of("field", e.getKey(), "message", e.getValue())).toList());
        return p;
    }

    /** {@code status[2]} (a repeated query parameter) is the parameter {@code status}; nested paths stay. */
    private static String parameterName(String field) {
        return field.replaceFirst("\\[\\d+]$", "");
    }

    private static String message(FieldError error) {
        if (error.isBindingFailure()) {
            Class<?> type = error.contains(TypeMismatchException.class)
                    ? error.unwrap(TypeMismatchException.class).getRequiredType() : null;
            return typeMessage(parameterName(error.getField()), type);
        }
        return error.getDefaultMessage();
    }

    private static String typeMessage(String name, Class<?> type) {
        if (type != null && (Number.class.isAssignableFrom(type) || type == int.class || type == long.class)
                && !BigDecimal.class.equals(type)) {
            return "「" + name + "」应为整数";
        }
        if (type != null && Temporal.class.isAssignableFrom(type)) {
            return "「" + name + "」应为 yyyy-MM-dd 格式的日期，例如 2026-11-22";
        }
        return "「" + name + "」的格式不正确";
    }

    /** The property path Jackson could not read: {@code changes[0].item}, or {@code changes} for {@code "changes":[1]}. */
    private static String fieldOf(HttpMessageNotReadableException ex) {
        if (!(ex.getCause() instanceof com.fasterxml.jackson.databind.JsonMappingException m)
                || m.getPath().isEmpty()) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (var reference : m.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        String field = parameterName(path.toString());
        return field.isEmpty() ? null : field;
    }
}
