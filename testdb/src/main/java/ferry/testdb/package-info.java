/**
 * The PostgreSQL server that tests run on with {@code -Dferry.test.db=postgres}, and the databases
 * they make there: {@link ferry.testdb.TestPostgres}.
 */
@NullMarked
package ferry.testdb;

import org.jspecify.annotations.NullMarked;
