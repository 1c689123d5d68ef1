package cn.healthcard.audit.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** The Elasticsearch client: to {@code healthcard.elasticsearch.url}, or to the local server when that is blank. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ElasticsearchProperties.class)
class ElasticsearchConfiguration {

    /** The JVM's local server (started below), released (and stopped by the last user) when the context closes. */
    @Bean(destroyMethod = "release")
    @Conditional(NoExternalCluster.class)
    LocalElasticsearch localElasticsearch(ElasticsearchProperties properties) {
        return LocalElasticsearch.acquire(properties.local().settings());
    }

    /**
     * Starts the local server in the background once the application is ready: on a small machine the application's
     * own start gets the CPU first (docs/performance.md P6); until it is up the audit search answers 503.
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> localElasticsearchStart(ObjectProvider<LocalElasticsearch> local) {
        return event -> local.ifAvailable(LocalElasticsearch::startInBackground);
    }

    @Bean(destroyMethod = "close")
    RestClient elasticsearchRestClient(ElasticsearchProperties properties, ObjectProvider<LocalElasticsearch> local) {
        boolean external = StringUtils.hasText(properties.url());
        RestClientBuilder builder = RestClient.builder(HttpHost.create(
                external ? properties.url() : local.getObject().url()));
        if (external && StringUtils.hasText(properties.username())) {
            var credentials = new BasicCredentialsProvider();
            credentials.setCredentials(AuthScope.ANY,
                    new UsernamePasswordCredentials(properties.username(), properties.password()));
            builder.setHttpClientConfigCallback(http -> http.setDefaultCredentialsProvider(credentials));
        }
        return builder.build();
    }

    @Bean
    ElasticsearchClient elasticsearchClient(RestClient restClient) {
        return new ElasticsearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper()));
    }

    static class NoExternalCluster implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("healthcard.elasticsearch.url"));
        }
    }
}
