CLUSTER notes USING notes_pkey;
