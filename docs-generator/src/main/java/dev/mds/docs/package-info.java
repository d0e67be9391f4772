/** The static documentation site generated from mds artifacts (see the docs issue). */
package dev.mds.docs;
