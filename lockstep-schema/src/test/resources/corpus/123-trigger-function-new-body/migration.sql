CREATE OR REPLACE FUNCTION touch_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.title = '' THEN
    RAISE EXCEPTION 'a note needs a title';
  END IF;
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
