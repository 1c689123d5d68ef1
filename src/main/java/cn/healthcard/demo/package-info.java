/**
 * Demo institutions, users, keys and applications (demo profile only).
 *
 * <p>Demo institutions, users and applications (default profile only)
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "demo 演示数据",
        allowedDependencies = {"card", "common", "institution", "issuance", "keys", "resident", "security", "workflow"})
package cn.healthcard.demo;
