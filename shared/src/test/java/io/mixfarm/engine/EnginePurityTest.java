package io.mixfarm.engine;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The engine (codecs, DSP, mix, master, loudness) is a plain-JDK library: the worker, the CLI
 * and tests all call it, so it must not pull in the farm's runtime dependencies.
 */
class EnginePurityTest {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.mixfarm.engine");

    @Test
    void engineDependsOnlyOnTheJdkAndItself() {
        ArchRule rule = classes().that().resideInAPackage("io.mixfarm.engine..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("io.mixfarm.engine..", "java..", "javax.annotation..")
                .because("the engine is a pure-JDK library (no Kafka, Akka, AWS, Micrometer, Jackson)");
        rule.check(ENGINE);
    }

    @Test
    void engineIsNotEmpty() {
        // Guards the rule above against passing vacuously because the import found nothing.
        org.junit.jupiter.api.Assertions.assertTrue(ENGINE.size() > 5, "engine classes imported: " + ENGINE.size());
    }
}
