//! Commands and their encoding: every argument becomes an atom, a quoted
//! string or a literal, chosen by its content, so no argument can inject
//! protocol syntax. (Being implemented.)
