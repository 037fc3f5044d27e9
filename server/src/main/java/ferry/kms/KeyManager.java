package ferry.kms;

/** Who manages a key: the customer, or an AWS service ({@code alias/aws/<service>}). */
public enum KeyManager {
  CUSTOMER,
  AWS
}
