package cn.healthcard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class HealthCardApplication {
    public static void main(String[] args) {
        SpringApplication.run(HealthCardApplication.class, args);
    }
}
