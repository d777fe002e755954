-- A new cursor starts in the in-memory catalog: point it at the attached store.
USE store;
