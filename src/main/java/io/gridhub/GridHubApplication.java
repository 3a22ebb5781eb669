package io.gridhub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class GridHubApplication {
    public static void main(String[] args) {
        SpringApplication.run(GridHubApplication.class, args);
    }
}
