// Account rules shared by the server and the forms that show them (no Node imports here).
export const MIN_PASSWORD_LENGTH = 10;
export const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/;
