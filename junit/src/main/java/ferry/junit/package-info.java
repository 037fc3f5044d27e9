/**
 * Ferry inside a JUnit 5 test: {@link ferry.junit.Ferry @Ferry} or {@link
 * ferry.junit.FerryExtension} starts Ferry in-process and injects AWS SDK v2 clients per account
 * and per assumed role; {@link ferry.junit.FerryAssertions} asserts a denial and reads its
 * explanation.
 */
@NullMarked
package ferry.junit;

import org.jspecify.annotations.NullMarked;
