/** The framework-free migration engine. */
package io.migratepages.engine;
