package dev.helios.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering rules of STYLE.md, checked over the main classes of every module. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.helios");
  }

  @Test
  void engine_dependsOnNoNetworkOrGitTransportCode() {
    noClasses()
        .that().resideInAPackage("dev.helios.engine..")
        .should().dependOnClassesThat()
        .resideInAnyPackage(
            "org.eclipse.jetty..", "jakarta.servlet..", "org.eclipse.jgit.transport..",
            "org.eclipse.jgit.http..", "java.net.http..")
        .check(classes);
  }

  @Test
  void engine_dependsOnNoOtherModule() {
    noClasses()
        .that().resideInAPackage("dev.helios.engine..")
        .should().dependOnClassesThat()
        .resideInAnyPackage(
            "dev.helios.git..", "dev.helios.migrate..", "dev.helios.cli..", "dev.helios.benchmarks..")
        .check(classes);
  }

  @Test
  void engineInternals_areUsedOnlyInsideEngine() {
    noClasses()
        .that().resideOutsideOfPackage("dev.helios.engine..")
        .should().dependOnClassesThat().resideInAPackage("dev.helios.engine..internal..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void systemExit_isCalledOnlyByMain() {
    // HeliosSide is the entry point of compare-git's measured child JVMs, never run in-process.
    noClasses()
        .that().doNotHaveFullyQualifiedName(Main.class.getName())
        .and().doNotHaveFullyQualifiedName("dev.helios.benchmarks.compare.HeliosSide")
        .should().callMethod(System.class, "exit", int.class)
        .check(classes);
  }
}
