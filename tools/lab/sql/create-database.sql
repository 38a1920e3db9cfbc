-- {{database}} is an identifier, which cannot be a parameter; lab-sql.ts only substitutes a name it
-- generated itself and checked against ^fc_lab_[0-9a-f]+$.
CREATE DATABASE {{database}}
