// Package picture turns source images into published variants.
package picture
