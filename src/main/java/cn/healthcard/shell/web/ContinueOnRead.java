package cn.healthcard.shell.web;

import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.web.embedded.tomcat.TomcatConnectorCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat answers {@code Expect: 100-continue} only when the application starts reading the body ("onRead"), not as
 * soon as the headers arrive (its default). A client that announces a body over {@link RequestBodyLimit}'s limit
 * therefore gets the 413 before it sends a byte of it, instead of sending megabytes into a connection that the
 * server closes after answering (which can reset the connection before the client reads the 413).
 */
@Component
class ContinueOnRead implements TomcatConnectorCustomizer {

    @Override
    public void customize(org.apache.catalina.connector.Connector connector) {
        if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
            http.setContinueResponseTiming("onRead");
        }
    }
}
