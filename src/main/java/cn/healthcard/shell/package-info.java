/**
 * Main layout, translations (zh-CN first, en), API problem details, OpenAPI.
 *
 * <p>Main layout, translations (zh-CN first, en), API problem details, OpenAPI
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "shell 界面外壳",
        allowedDependencies = {"common", "crypto", "report", "security"})
package cn.healthcard.shell;
