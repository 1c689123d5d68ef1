package cn.healthcard.shell.chart;

import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the pinned ECharts bundle (about 1.1 MB) from the jar with a cache header, so a browser loads it once a day
 * and revalidates it (Last-Modified) after that, instead of on every page load (decision 035). Like every path that is
 * not public, it needs a signed-in session (the UI's security: anonymous → login page).
 */
@Configuration(proxyBeanMethods = false)
class ChartVendorResources implements WebMvcConfigurer {

    static final String PATH = "/vendor/echarts/**";
    static final String LOCATION = "classpath:/META-INF/resources/vendor/echarts/";
    /** How long a browser uses its copy without asking; private: it is served to signed-in users only. */
    static final CacheControl CACHE = CacheControl.maxAge(1, TimeUnit.DAYS).cachePrivate();

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(PATH).addResourceLocations(LOCATION).setCacheControl(CACHE);
    }
}
