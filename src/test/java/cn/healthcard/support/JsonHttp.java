package cn.healthcard.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** JSON over HTTP for the API tests: a POST as a demo user (null: anonymous) and the answer as a tree. */
public final class JsonHttp {

    private JsonHttp() {
    }

    /** POSTs {@code body} as JSON, signed in as {@code user} with the demo password, or anonymously when null. */
    public static ResponseEntity<String> post(TestRestTemplate rest, ObjectMapper json, String user, String path,
                                              Object body) {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        var client = user == null ? rest : rest.withBasicAuth(user, "demo1234");
        try {
            return client.postForEntity(path, new HttpEntity<>(json.writeValueAsString(body), headers), String.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The answer's body as a JSON tree. */
    public static JsonNode read(ObjectMapper json, ResponseEntity<String> response) {
        try {
            return json.readTree(response.getBody());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(response.getBody(), e);
        }
    }
}
