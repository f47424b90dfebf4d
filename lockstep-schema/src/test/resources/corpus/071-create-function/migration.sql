CREATE FUNCTION user_label(u users) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT coalesce(u.name, u.email) || ';'
$fn$;
