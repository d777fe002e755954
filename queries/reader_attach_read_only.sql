-- The app's read handle: the store file attached read-only; then no file or network access, no extension loading, no settings changes.
ATTACH $path AS store (READ_ONLY);
USE store;
SET enable_external_access = false;
SET autoinstall_known_extensions = false;
SET autoload_known_extensions = false;
SET lock_configuration = true;
