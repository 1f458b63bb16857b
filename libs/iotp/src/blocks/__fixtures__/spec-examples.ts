/* Generated from /work/shared/spec (profile.md, iotp-messages.md) — the worked examples verbatim. */

/** profile §1.5: Error answer to a Ping Request with a foreign namespace */
export const PROFILE_ERROR_EXAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0">
  <TransRefBlk ID="Q1.1">
    <TransId ID="I1.2" Version="1.0" IotpTransId="20240501104000.0f6d48e15efc7715@wallet.example"
             IotpTransType="BaselinePing" TransTimeStamp="2024-05-01T10:40:00.350Z"/>
    <MsgId ID="Q1" RespIotpMsg="I1" xml:lang="en"
           SoftwareId="Example Bank AG; IOTP Payment Handler (profile reference mock); 1.0; build 1"
           TimeStamp="2024-05-01T10:40:00.350Z"/>
  </TransRefBlk>
  <ErrorBlk ID="Q1.2">
    <ErrorComp ID="Q1.3" xml:lang="en" ErrorCode="XmlNotValid"
               ErrorDesc="namespace 'urn:example:not-iotp' is not iotp:ietf.org/iotp-v1.0"
               Severity="HardError">
      <ErrorLocation ElementType="IotpMessage" IotpMsgRef="I1"/>
    </ErrorComp>
  </ErrorBlk>
</IotpMessage>
`;

/** profile §6.1 C1: Payment Request */
export const PROFILE_C1 = `<?xml version="1.0" encoding="UTF-8"?>
<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0">
  <TransRefBlk ID="C1.1">
    <TransId ID="M1.2" Version="1.0"
             IotpTransId="20240501101530.e2780c0935b324b6@demo-merchant.example"
             IotpTransType="BaselinePurchase" TransTimeStamp="2024-05-01T10:15:30.350Z"/>
    <MsgId ID="C1" RespIotpMsg="M1" xml:lang="en" SenderTradingRoleRef="M1.14"
           SoftwareId="IOTP profile reference; acceptance wallet (Python); 1.0; build 1"
           TimeStamp="2024-05-01T10:15:30.700Z"/>
  </TransRefBlk>
  <IotpSignatures ID="C1.2">
    <Signature ID="M1.22">
      <Manifest>
        <Algorithm ID="M1.23" type="digest" name="urn:fips:sha256"/>
        <Algorithm ID="M1.24" type="digest" name="urn:ibm:dom-hash">
          <Parameter type="AlgorithmRef">M1.23</Parameter>
        </Algorithm>
        <Algorithm ID="M1.25" type="signature" name="urn:ibm:hmac">
          <Parameter type="AlgorithmRef">M1.24</Parameter>
          <Parameter type="HashAlgorithmRef">M1.23</Parameter>
        </Algorithm>
        <Digest DigestAlgorithmRef="M1.24">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#M1.2"/>
          <Value>AvshSjd9RYnwPxGi1pq1E58troSGFDhaaoanjSvJur4=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="M1.24">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#M1.5"/>
          <Value>zIdZkCALaJnmnUSzOmBNjee3LNDgM53ys58Gu1fSgUU=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="M1.24">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#M1.20"/>
          <Value>p4FtRSaZ5cGfFEvUqj0d4XBY4SgLw6GBrD0In4PsylM=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="M1.24">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#M1.11"/>
          <Value>HniIRJLGFdxXSBWP7qseGP+jgdT0TF6KQrHywQDFcp0=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="M1.24">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#M1.15"/>
          <Value>crnIUWRG7g1vStW1jmkrfC5YH2zP8ji4Od6VWdc06Q8=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="M1.24">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#M1.13"/>
          <Value>QEk/zveTsskmLmnP0e9zEuwNJ4lfq4ZFvQpD7TAnSX0=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="M1.24">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#M1.18"/>
          <Value>fYCoThpRBQncko88FJ645+KRwnWeuCn7TKW544YR4lo=</Value>
        </Digest>
        <Attribute type="IOTPSignatureType" critical="true">OfferResponse</Attribute>
        <OriginatorInfo OriginatorRef="M1.11"/>
        <RecipientInfo SignatureAlgorithmRef="M1.25" SignatureValueRef="M1.26" RecipientRefs="M1.15">
          <KeyIdentifier value="demo-merchant.example/hmac-1"/>
        </RecipientInfo>
      </Manifest>
      <Value ID="M1.26" encoding="base64">4otZIfC2jNeqKiBzLF4j7q2gZAnal+LD6fT2C3MzE/I=</Value>
    </Signature>
  </IotpSignatures>
  <PayReqBlk ID="C1.3">
    <Status ID="M1.18" xml:lang="en" StatusType="Offer" ElRef="M1.19" ProcessState="CompletedOk"
            ProcessReference="ORD-9454f92b"/>
    <BrandList ID="M1.5" xml:lang="en" ShortDesc="Order ORD-9454f92b" PayDirection="Debit">
      <Brand ID="M1.6" BrandId="x-DemoHashPay" BrandName="Demo HashPay"
             BrandLogoNetLocn="https://demo-merchant.example/logos/DemoHashPay.png"
             ProtocolAmountRefs="M1.8">
        <ProtocolBrand ProtocolId="x-HashSecret-1.0" ProtocolBrandId="DemoHashPay"/>
      </Brand>
      <ProtocolAmount ID="M1.8" PayProtocolRef="M1.10" CurrencyAmountRefs="M1.9"/>
      <CurrencyAmount ID="M1.9" Amount="12.50" CurrCodeType="ISO4217-A" CurrCode="EUR"/>
      <PayProtocol ID="M1.10" xml:lang="en" ProtocolId="x-HashSecret-1.0"
                   ProtocolName="Hash/secret customer-merchant-bank protocol 1.0"
                   ActionOrgRef="M1.15" PayReqNetLocn="http://127.0.0.1:8080/iotp"/>
    </BrandList>
    <BrandSelection ID="C1.4" BrandListRef="M1.5" BrandRef="M1.6" ProtocolAmountRef="M1.8"
                    CurrencyAmountRef="M1.9"/>
    <Payment ID="M1.20" OkFrom="2024-05-01T10:10:30.350Z" OkTo="2024-05-01T11:15:30.350Z"
             BrandListRef="M1.5" SignedPayReceipt="True"/>
    <PaySchemeData ID="C1.5" PaymentRef="M1.20" ConsumerPaymentId="CP21906fba3660">
      <PackagedContent Name="HS-Init" Content="MIME:application/json" Transform="BASE64">eyJ0eXBlIjoiSFMtSW5pdCIsInYiOjEsIkMiOiJhbGljZSIsIm5BIjoiMzE5NDVmNWI1YjBlNTlmMGYwNzJkMDVmNWVhMjZlMGEzMTI2MjYzOTMwNGYwMTBhYTkwM2M3YjdiZjFjNzZmMSJ9</PackagedContent>
    </PaySchemeData>
    <Org ID="M1.11" xml:lang="en" OrgId="demo-merchant.example"
         LegalName="Demo Merchant Ltd (DEV ONLY)" ShortDesc="Demo Merchant">
      <TradingRole ID="M1.12" TradingRole="Merchant" IotpMsgIdPrefix="M"
                   CancelNetLocn="https://demo-merchant.example/iotp/cancelled"
                   ErrorNetLocn="https://demo-merchant.example/iotp/error"
                   ErrorLogNetLocn="https://demo-merchant.example/iotp/errorlog"/>
      <PostalAddress AddressLine1="1 Test Street" CityOrTown="Berlin" PostalCode="10115"
                     Country="DE" LegalLocation="True"/>
    </Org>
    <Org ID="M1.13" xml:lang="en" OrgId="Consumer:alice/demo-merchant.example">
      <TradingRole ID="M1.14" TradingRole="Consumer" IotpMsgIdPrefix="C"/>
    </Org>
    <Org ID="M1.15" xml:lang="en" OrgId="pay.bank.example" LegalName="Example Bank AG"
         ShortDesc="Example Bank">
      <TradingRole ID="M1.16" TradingRole="PaymentHandler" IotpMsgIdPrefix="P"
                   CancelNetLocn="http://127.0.0.1:8080/iotp/cancelled"
                   ErrorNetLocn="http://127.0.0.1:8080/iotp/error"
                   ErrorLogNetLocn="http://127.0.0.1:8080/iotp/errorlog"/>
      <PostalAddress AddressLine1="Bankplatz 5" CityOrTown="Frankfurt am Main" PostalCode="60311"
                     Country="DE" LegalLocation="True"/>
    </Org>
  </PayReqBlk>
</IotpMessage>
`;

/** profile §6.1 P1: Payment Exchange (PH → Consumer) */
export const PROFILE_P1 = `<?xml version="1.0" encoding="UTF-8"?>
<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0">
  <TransRefBlk ID="P1.1">
    <TransId ID="M1.2" Version="1.0"
             IotpTransId="20240501101530.e2780c0935b324b6@demo-merchant.example"
             IotpTransType="BaselinePurchase" TransTimeStamp="2024-05-01T10:15:30.350Z"/>
    <MsgId ID="P1" RespIotpMsg="C1" xml:lang="en" SenderTradingRoleRef="M1.16"
           SoftwareId="Example Bank AG; IOTP Payment Handler (profile reference mock); 1.0; build 1"
           TimeStamp="2024-05-01T10:15:30.700Z"/>
  </TransRefBlk>
  <PayExchBlk ID="P1.2">
    <PaySchemeData ID="P1.3" PaymentRef="M1.20" ConsumerPaymentId="CP21906fba3660"
                   PaymentHandlerPayId="PHW2RHZ07D0Z6M">
      <PackagedContent Name="HS-Challenge" Content="MIME:application/json" Transform="BASE64">eyJ0eXBlIjoiSFMtQ2hhbGxlbmdlIiwidiI6MSwiQyI6ImFsaWNlIiwiTSI6ImRlbW8tbWVyY2hhbnQuZXhhbXBsZSIsIkIiOiJkZW1vLWJhbmsuZXhhbXBsZSIsInQiOiIyMDI0MDUwMVQxMDE1MzBaLTNmMzhmMDA3IiwieSI6IlBIVzJSSFowN0QwWjZNIiwidSI6IjEyLjUiLCJjdXIiOiJFVVIiLCJhTSI6IjBkYzk3ODE3NWQwYzI3N2M3MDM4YTQxNjNmYWFkNTEwZjU1MGRiMDgxMzg4MzE1OTdlYjA2N2ExZjc2YzE1NzQifQ==</PackagedContent>
    </PaySchemeData>
  </PayExchBlk>
</IotpMessage>
`;

/** profile §6.1 C2: Payment Exchange (Consumer → PH) */
export const PROFILE_C2 = `<?xml version="1.0" encoding="UTF-8"?>
<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0">
  <TransRefBlk ID="C2.1">
    <TransId ID="M1.2" Version="1.0"
             IotpTransId="20240501101530.e2780c0935b324b6@demo-merchant.example"
             IotpTransType="BaselinePurchase" TransTimeStamp="2024-05-01T10:15:30.350Z"/>
    <MsgId ID="C2" RespIotpMsg="P1" xml:lang="en" SenderTradingRoleRef="M1.14"
           SoftwareId="IOTP profile reference; acceptance wallet (Python); 1.0; build 1"
           TimeStamp="2024-05-01T10:15:31.050Z"/>
  </TransRefBlk>
  <PayExchBlk ID="C2.2">
    <PaySchemeData ID="C2.3" PaymentRef="M1.20" ConsumerPaymentId="CP21906fba3660"
                   PaymentHandlerPayId="PHW2RHZ07D0Z6M">
      <PackagedContent Name="HS-Pay" Content="MIME:application/json" Transform="BASE64">eyJ0eXBlIjoiSFMtUGF5IiwidiI6MSwiQyI6ImFsaWNlIiwidCI6IjIwMjQwNTAxVDEwMTUzMFotM2YzOGYwMDciLCJ5IjoiUEhXMlJIWjA3RDBaNk0iLCJ1IjoiMTIuNSIsImN1ciI6IkVVUiIsImFDIjoiNjM3MTkyZmE5NjlkMDg2NDMyY2ViNmU4NzQzYTQ5YzI3MDJmMjRiYTc1MGVlNmYzNDA1NDA5NjhmNzYxODgxMyIsIm5DIjoiZDQxMTE0YjZjZDhiNTU0MjZjYzllODc1MTVkNTA4YzAwMzNkMDYyYTI2ODFhNWI5MTY2ZDI3OWVhMGUzY2EzZCIsInBpIjoiODRmMmU5M2M1NjJiMDg2OTg4OTk1MGJmZTE4YjY0OGIzNmVjNjcwMTg2ZDAxZDU4MzhhNmU5YzU3N2MwZGM5OCIsIm8iOiJiMTYxM2MzZGYzMGNlNzVlNWZlMzkwMTE2OGQ2YWZmYTNjYjAyNjlkYzAxMzYzNzc1Y2ZlMTM2OWViNjkxNDI1In0=</PackagedContent>
    </PaySchemeData>
  </PayExchBlk>
</IotpMessage>
`;

/** profile §6.1 P2: Payment Response */
export const PROFILE_P2 = `<?xml version="1.0" encoding="UTF-8"?>
<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0">
  <TransRefBlk ID="P2.1">
    <TransId ID="M1.2" Version="1.0"
             IotpTransId="20240501101530.e2780c0935b324b6@demo-merchant.example"
             IotpTransType="BaselinePurchase" TransTimeStamp="2024-05-01T10:15:30.350Z"/>
    <MsgId ID="P2" RespIotpMsg="C2" xml:lang="en" SenderTradingRoleRef="M1.16"
           SoftwareId="Example Bank AG; IOTP Payment Handler (profile reference mock); 1.0; build 1"
           TimeStamp="2024-05-01T10:15:31.400Z"/>
  </TransRefBlk>
  <IotpSignatures ID="P2.2">
    <Signature ID="P2.3">
      <Manifest>
        <Algorithm ID="P2.9" type="digest" name="urn:fips:sha256"/>
        <Algorithm ID="P2.10" type="digest" name="urn:ibm:dom-hash">
          <Parameter type="AlgorithmRef">P2.9</Parameter>
        </Algorithm>
        <Algorithm ID="P2.11" type="signature" name="urn:ibm:hmac">
          <Parameter type="AlgorithmRef">P2.10</Parameter>
          <Parameter type="HashAlgorithmRef">P2.9</Parameter>
        </Algorithm>
        <Digest DigestAlgorithmRef="P2.10">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#P2.1"/>
          <Value>FSvyB298jp38SnRP7PBSY1NBc3SM/bmDUb8HlP2mQd8=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="P2.10">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#M1.2"/>
          <Value>AvshSjd9RYnwPxGi1pq1E58troSGFDhaaoanjSvJur4=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="P2.10">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#M1.22"/>
          <Value>OcBZDDjJWhFyjYRWq/+DGmr0YsU7gIAiAD+s2yMABQs=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="P2.10">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#P2.5"/>
          <Value>2WIE4FZSpCNGTW6XbrU+pxO9pMdA20u0VEWJ2/lnF4I=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="P2.10">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#P2.6"/>
          <Value>UrCIFoV2pGWGNYTfqflcgUqIXlXzsz7NZ9tCArmEHA4=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="P2.10">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#P2.7"/>
          <Value>x9n8P2Z5lY0Pi4g82FunwVxfZB6qPDpTnGaaafYZ3LI=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="P2.10">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#P2.8"/>
          <Value>rzWpUEkFZlNOPmPPUlPUEOxjsQ422onEePK8wSJx6KI=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="P2.10">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#C1.4"/>
          <Value>HVK5jaP08rUgHyfA4WARibjFO0FPJORuKnnMsWbTY/Q=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="P2.10">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#C2.3"/>
          <Value>gVuKSGQyuxMstdVOMWW7MMuZLg4w8uQEalpg57OvoMY=</Value>
        </Digest>
        <Attribute type="IOTPSignatureType" critical="true">PaymentResponse</Attribute>
        <OriginatorInfo OriginatorRef="M1.15"/>
        <RecipientInfo SignatureAlgorithmRef="P2.11" SignatureValueRef="P2.12" RecipientRefs="M1.11">
          <KeyIdentifier value="demo-merchant.example/hmac-1"/>
        </RecipientInfo>
      </Manifest>
      <Value ID="P2.12" encoding="base64">PFrpiYoFYStxeF8Y3jbFnZ33rJD11i/Qv5+RmbctF9U=</Value>
    </Signature>
  </IotpSignatures>
  <PayRespBlk ID="P2.4">
    <Status ID="P2.5" xml:lang="en" StatusType="Payment" ElRef="M1.20" ProcessState="CompletedOk"
            ProcessReference="PHW2RHZ07D0Z6M" StatusDesc="Payment completed"/>
    <PayReceipt ID="P2.6" PaymentRef="M1.20" PayReceiptNameRefs="HS-Pay HS-Result"/>
    <PaySchemeData ID="P2.7" PaymentRef="M1.20" ConsumerPaymentId="CP21906fba3660"
                   PaymentHandlerPayId="PHW2RHZ07D0Z6M">
      <PackagedContent Name="HS-Result" Content="MIME:application/json" Transform="BASE64">eyJ0eXBlIjoiSFMtUmVzdWx0IiwidiI6MSwieSI6IlBIVzJSSFowN0QwWjZNIiwidSI6IjEyLjUiLCJjdXIiOiJFVVIiLCJzdGF0dXMiOiJDb21wbGV0ZWRPayIsIkFCIjoiNGI1ZDdjMWUwMDUzZDQ3OTZhMzQ0ODg0ZjJiNTllYmNlN2EyNDI5OTc5MGViNjA1YzdiMTAzZDA4ZjMyZjQ4NCIsIlQiOiJiNDc4ZThjMmM2NTM0NGRhYTQwOWY4N2RkZTRhZmQ3N2RmY2MzNTkyMmJhZDkwZTlkZDMyYWNkZGMwZTU0ZTRmIn0=</PackagedContent>
    </PaySchemeData>
    <PaymentNote ID="P2.8">
      <PackagedContent Name="HS-Balance" Content="MIME:application/json" Transform="BASE64">eyJ0eXBlIjoiSFMtQmFsYW5jZSIsInYiOjEsIkMiOiJhbGljZSIsImJhbGFuY2UiOiI5OTk5ODcuNSIsImN1ciI6IkVVUiJ9</PackagedContent>
    </PaymentNote>
  </PayRespBlk>
</IotpMessage>
`;

/** profile §6.3 I1: Inquiry Request */
export const PROFILE_I1 = `<?xml version="1.0" encoding="UTF-8"?>
<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0">
  <TransRefBlk ID="I1.1">
    <TransId ID="I1.2" Version="1.0"
             IotpTransId="20240501101530.e2780c0935b324b6@demo-merchant.example"
             IotpTransType="BaselineInquiry" TransTimeStamp="2024-05-01T10:15:30.350Z"/>
    <MsgId ID="I1" xml:lang="en"
           SoftwareId="IOTP profile reference; acceptance wallet (Python); 1.0; build 1"
           TimeStamp="2024-05-01T10:15:31.400Z"/>
  </TransRefBlk>
  <InquiryReqBlk ID="I1.3">
    <InquiryType ID="I1.4" Type="Payment" ElRef="M1.20" ProcessReference="PHW2RHZ07D0Z6M"/>
  </InquiryReqBlk>
</IotpMessage>
`;

/** profile §6.3 Q1: Inquiry Response */
export const PROFILE_Q1 = `<?xml version="1.0" encoding="UTF-8"?>
<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0">
  <TransRefBlk ID="Q1.1">
    <TransId ID="I1.2" Version="1.0"
             IotpTransId="20240501101530.e2780c0935b324b6@demo-merchant.example"
             IotpTransType="BaselineInquiry" TransTimeStamp="2024-05-01T10:15:30.350Z"/>
    <MsgId ID="Q1" RespIotpMsg="I1" xml:lang="en"
           SoftwareId="Example Bank AG; IOTP Payment Handler (profile reference mock); 1.0; build 1"
           TimeStamp="2024-05-01T10:15:31.750Z"/>
  </TransRefBlk>
  <InquiryRespBlk ID="Q1.2" LastReceivedIotpMsgRef="C2" LastSentIotpMsgRef="P2">
    <Status ID="P2.5" xml:lang="en" StatusType="Payment" ElRef="M1.20" ProcessState="CompletedOk"
            ProcessReference="PHW2RHZ07D0Z6M" StatusDesc="Payment completed"/>
  </InquiryRespBlk>
</IotpMessage>
`;

/** profile §6.5 C2: Cancel by the Consumer */
export const PROFILE_C2_CANCEL = `<?xml version="1.0" encoding="UTF-8"?>
<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0">
  <TransRefBlk ID="C2.1">
    <TransId ID="M1.2" Version="1.0"
             IotpTransId="20240501102530.df4d34dec266b7af@demo-merchant.example"
             IotpTransType="BaselinePurchase" TransTimeStamp="2024-05-01T10:25:30.350Z"/>
    <MsgId ID="C2" RespIotpMsg="P1" xml:lang="en" SenderTradingRoleRef="M1.14"
           SoftwareId="IOTP profile reference; acceptance wallet (Python); 1.0; build 1"
           TimeStamp="2024-05-01T10:25:31.050Z"/>
  </TransRefBlk>
  <CancelBlk ID="C2.2">
    <Status ID="C2.3" xml:lang="en" StatusType="Payment" ElRef="M1.20" ProcessState="Failed"
            CompletionCode="ConsCancelled" ProcessReference="PHYWY9WH9RCF4M"
            StatusDesc="Cancelled by the consumer"/>
  </CancelBlk>
</IotpMessage>
`;

/** profile §6.5 Q1: Inquiry Response after a Consumer cancel */
export const PROFILE_Q1_CANCELLED = `<?xml version="1.0" encoding="UTF-8"?>
<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0">
  <TransRefBlk ID="Q1.1">
    <TransId ID="I1.2" Version="1.0"
             IotpTransId="20240501102530.df4d34dec266b7af@demo-merchant.example"
             IotpTransType="BaselineInquiry" TransTimeStamp="2024-05-01T10:25:30.350Z"/>
    <MsgId ID="Q1" RespIotpMsg="I1" xml:lang="en"
           SoftwareId="Example Bank AG; IOTP Payment Handler (profile reference mock); 1.0; build 1"
           TimeStamp="2024-05-01T10:25:32.100Z"/>
  </TransRefBlk>
  <InquiryRespBlk ID="Q1.2" LastReceivedIotpMsgRef="C2" LastSentIotpMsgRef="P1">
    <Status ID="Q1.3" xml:lang="en" StatusType="Payment" ElRef="M1.20" ProcessState="Failed"
            CompletionCode="ConsCancelled" ProcessReference="PHYWY9WH9RCF4M"
            StatusDesc="Payment cancelled by the consumer"/>
  </InquiryRespBlk>
</IotpMessage>
`;

/** iotp-messages §12.1: Payment Request (SET-like, two brands) */
export const SPEC_C1 = `<?xml version="1.0" encoding="UTF-8"?>
<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0">
  <TransRefBlk ID="C1.1">
    <TransId ID="M1.2" Version="1.0"
             IotpTransId="20240501101530.7f3e9c1a@shop.example.com"
             IotpTransType="BaselinePurchase"
             TransTimeStamp="2024-05-01T10:15:30.000Z"/>
    <MsgId ID="C1" RespIotpMsg="M1" xml:lang="en"
           SenderTradingRoleRef="M1.14"
           SoftwareId="Example Wallets Ltd; IOTP Wallet; 2.1; build 88"
           TimeStamp="2024-05-01T10:16:02.120Z"/>
  </TransRefBlk>
  <IotpSignatures ID="C1.2">
    <!-- Offer Response Signature, copied unchanged (same IDs) from message M1 -->
    <Signature ID="M1.22">
      <Manifest>
        <Algorithm ID="M1.23" type="digest" name="urn:fips:sha1"/>
        <Algorithm ID="M1.24" type="digest" name="urn:ibm:dom-hash">
          <Parameter type="AlgorithmRef">M1.23</Parameter>
        </Algorithm>
        <Algorithm ID="M1.25" type="signature" name="urn:ibm:hmac">
          <Parameter type="AlgorithmRef">M1.24</Parameter>
        </Algorithm>
        <Digest DigestAlgorithmRef="M1.24">
          <Locator href="20240501101530.7f3e9c1a@shop.example.com#M1.1"/>
          <Value>q3Lk0d4nT2c9bq1mF0y8eXW1sJc=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="M1.24">
          <Locator href="20240501101530.7f3e9c1a@shop.example.com#M1.2"/>
          <Value>Vq0d2m5Yt8kz1pQ9a3Lr6cE0bNw=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="M1.24">
          <Locator href="20240501101530.7f3e9c1a@shop.example.com#M1.20"/>
          <Value>Hk7w2QpZ0s1Lm3Nc8vB6xR4tYa0=</Value>
        </Digest>
        <Attribute type="IOTPSignatureType" critical="true">OfferResponse</Attribute>
        <OriginatorInfo OriginatorRef="M1.11"/>
        <RecipientInfo SignatureAlgorithmRef="M1.25" SignatureValueRef="M1.26"
                       RecipientRefs="M1.15"/>
      </Manifest>
      <Value ID="M1.26" encoding="base64">dGhpcyBpcyBub3QgYSByZWFsIHNpZ25hdHVyZQ==</Value>
    </Signature>
  </IotpSignatures>
  <PayReqBlk ID="C1.3">
    <!-- Status of the Offer Response (copied from M1) -->
    <Status ID="M1.18" xml:lang="en" StatusType="Offer" ElRef="M1.19"
            ProcessState="CompletedOk" ProcessReference="ORD-2024-4711"/>
    <!-- Brand List referred to by Payment/@BrandListRef (copied from the TPO Block of M1) -->
    <BrandList ID="M1.5" xml:lang="en" ShortDesc="Order 4711, 2 items incl. shipping"
               PayDirection="Debit">
      <Brand ID="M1.6" BrandId="VISA" BrandName="Visa Credit"
             BrandLogoNetLocn="https://logos.shop.example.com/visa.gif"
             ProtocolAmountRefs="M1.8">
        <ProtocolBrand ProtocolId="SETv1.0" ProtocolBrandId="VISA"/>
      </Brand>
      <Brand ID="M1.7" BrandId="MasterCard" BrandName="MasterCard Credit"
             BrandLogoNetLocn="https://logos.shop.example.com/mc.gif"
             ProtocolAmountRefs="M1.8">
        <ProtocolBrand ProtocolId="SETv1.0" ProtocolBrandId="MasterCard"/>
      </Brand>
      <ProtocolAmount ID="M1.8" PayProtocolRef="M1.10" CurrencyAmountRefs="M1.9"/>
      <CurrencyAmount ID="M1.9" Amount="245.35" CurrCodeType="ISO4217-A" CurrCode="EUR"/>
      <PayProtocol ID="M1.10" xml:lang="en" ProtocolId="SETv1.0"
                   ProtocolName="Secure Electronic Transaction Version 1.0"
                   ActionOrgRef="M1.15"
                   SecPayReqNetLocn="https://pay.bank.example/iotp/v1"/>
    </BrandList>
    <!-- Created by the Consumer (Brand Independent Offer) -->
    <BrandSelection ID="C1.4" BrandListRef="M1.5" BrandRef="M1.6"
                    ProtocolAmountRef="M1.8" CurrencyAmountRef="M1.9"/>
    <!-- Payment Component (copied from the Offer Response Block of M1) -->
    <Payment ID="M1.20" OkFrom="2024-05-01T10:15:30.000Z" OkTo="2024-05-01T11:15:30.000Z"
             BrandListRef="M1.5" SignedPayReceipt="True"/>
    <PaySchemeData ID="C1.5" PaymentRef="M1.20" ConsumerPaymentId="C7f3e9c1a01"
                   ContentSoftwareId="Example Wallets Ltd; SET module; 1.4; build 12">
      <PackagedContent Content="PCDATA" Transform="BASE64">
        U0VUIFBJbml0UmVxIChzaW11bGF0ZWQp
      </PackagedContent>
    </PaySchemeData>
    <Org ID="M1.11" xml:lang="en" OrgId="shop.example.com"
         LegalName="Example Shop GmbH" ShortDesc="Example Shop">
      <TradingRole ID="M1.12" TradingRole="Merchant" IotpMsgIdPrefix="M"
                   CancelNetLocn="https://shop.example.com/iotp/cancelled"
                   ErrorNetLocn="https://shop.example.com/iotp/error"
                   ErrorLogNetLocn="https://shop.example.com/iotp/errorlog"/>
      <PostalAddress AddressLine1="Hauptstrasse 1" CityOrTown="Berlin"
                     PostalCode="10115" Country="DE" LegalLocation="True"/>
    </Org>
    <Org ID="M1.13" xml:lang="en" OrgId="Consumer:8812ab/shop.example.com">
      <TradingRole ID="M1.14" TradingRole="Consumer" IotpMsgIdPrefix="C"/>
    </Org>
    <Org ID="M1.15" xml:lang="en" OrgId="pay.bank.example"
         LegalName="Example Bank AG" ShortDesc="Example Bank">
      <TradingRole ID="M1.16" TradingRole="PaymentHandler" IotpMsgIdPrefix="P"
                   CancelNetLocn="https://pay.bank.example/iotp/cancelled"
                   ErrorNetLocn="https://pay.bank.example/iotp/error"
                   ErrorLogNetLocn="https://pay.bank.example/iotp/errorlog"/>
      <PostalAddress AddressLine1="Bankplatz 5" CityOrTown="Frankfurt am Main"
                     PostalCode="60311" Country="DE" LegalLocation="True"/>
    </Org>
  </PayReqBlk>
</IotpMessage>
`;

/** iotp-messages §12.4: Hard Error */
export const SPEC_HARD_ERROR = `<?xml version="1.0" encoding="UTF-8"?>
<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0">
  <TransRefBlk ID="P2.1">
    <TransId ID="M1.2" Version="1.0"
             IotpTransId="20240501101530.7f3e9c1a@shop.example.com"
             IotpTransType="BaselinePurchase"
             TransTimeStamp="2024-05-01T10:15:30.000Z"/>
    <MsgId ID="P2" RespIotpMsg="C2" xml:lang="en"
           SenderTradingRoleRef="M1.16"
           SoftwareId="Example Bank AG; IOTP Payment Handler; 1.0.0; build 2024.05.01"
           TimeStamp="2024-05-01T10:16:04.002Z"/>
  </TransRefBlk>
  <ErrorBlk ID="P2.2">
    <ErrorComp ID="P2.3" xml:lang="en" ErrorCode="AttMissing"
               ErrorDesc="Attribute missing: PaySchemeData/@PaymentHandlerPayId"
               Severity="HardError" SwVendorErrorRef="codec.payexch.0007">
      <ErrorLocation ElementType="PaySchemeData" IotpMsgRef="C2" BlkRef="C2.2"
                     CompRef="C2.3" AttName="PaymentHandlerPayId"/>
      <PackagedContent>PaymentHandlerPayId</PackagedContent>
    </ErrorComp>
  </ErrorBlk>
</IotpMessage>
`;

/** iotp-messages §12.5: Transient Error */
export const SPEC_TRANSIENT_ERROR = `<?xml version="1.0" encoding="UTF-8"?>
<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0">
  <TransRefBlk ID="P2.1">
    <TransId ID="M1.2" Version="1.0"
             IotpTransId="20240501101530.7f3e9c1a@shop.example.com"
             IotpTransType="BaselinePurchase"
             TransTimeStamp="2024-05-01T10:15:30.000Z"/>
    <MsgId ID="P2" RespIotpMsg="C2" xml:lang="en"
           SenderTradingRoleRef="M1.16"
           SoftwareId="Example Bank AG; IOTP Payment Handler; 1.0.0; build 2024.05.01"
           TimeStamp="2024-05-01T10:16:04.550Z"/>
  </TransRefBlk>
  <ErrorBlk ID="P2.2">
    <ErrorComp ID="P2.3" xml:lang="en" ErrorCode="MsgBeingProc"
               ErrorDesc="Message being processed; resend it after the indicated time"
               Severity="TransientError" MinRetrySecs="5">
      <ErrorLocation ElementType="IotpMessage" IotpMsgRef="C2"/>
    </ErrorComp>
  </ErrorBlk>
</IotpMessage>
`;

/** iotp-messages §12.6: Cancel by the PH */
export const SPEC_CANCEL = `<?xml version="1.0" encoding="UTF-8"?>
<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0">
  <TransRefBlk ID="P2.1">
    <TransId ID="M1.2" Version="1.0"
             IotpTransId="20240501101530.7f3e9c1a@shop.example.com"
             IotpTransType="BaselinePurchase"
             TransTimeStamp="2024-05-01T10:15:30.000Z"/>
    <MsgId ID="P2" RespIotpMsg="C2" xml:lang="en" SenderTradingRoleRef="M1.16"
           SoftwareId="Example Bank AG; IOTP Payment Handler; 1.0.0; build 2024.05.01"/>
  </TransRefBlk>
  <CancelBlk ID="P2.2">
    <Status ID="P2.3" xml:lang="en" StatusType="Payment" ElRef="M1.20"
            ProcessState="Failed" CompletionCode="PaymtCancelled"
            ProcessReference="PH00000042"
            StatusDesc="The payment was declined by the Payment Handler"/>
  </CancelBlk>
</IotpMessage>
`;

/** iotp-messages §12.9: Ping Response */
export const SPEC_PING_RESPONSE = `<?xml version="1.0" encoding="UTF-8"?>
<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0">
  <TransRefBlk ID="Q1.1">
    <TransId ID="I1.2" Version="1.0"
             IotpTransId="20240501120000.0a1b2c3d@shop.example.com"
             IotpTransType="BaselinePing"
             TransTimeStamp="2024-05-01T12:00:00.000Z"/>
    <MsgId ID="Q1" RespIotpMsg="I1" xml:lang="en"
           SoftwareId="Example Bank AG; IOTP Payment Handler; 1.0.0; build 2024.05.01"
           TimeStamp="2024-05-01T12:00:00.020Z"/>
  </TransRefBlk>
  <PingRespBlk ID="Q1.2" PingStatusCode="Ok" xml:lang="en" PingStatusDesc="All systems normal">
    <Org ID="Q1.3" xml:lang="en" OrgId="pay.bank.example" LegalName="Example Bank AG"
         ShortDesc="Example Bank">
      <TradingRole ID="Q1.4" TradingRole="PaymentHandler" IotpMsgIdPrefix="P"
                   CancelNetLocn="https://pay.bank.example/iotp/cancelled"
                   ErrorNetLocn="https://pay.bank.example/iotp/error"
                   ErrorLogNetLocn="https://pay.bank.example/iotp/errorlog"/>
      <PostalAddress AddressLine1="Bankplatz 5" CityOrTown="Frankfurt am Main"
                     PostalCode="60311" Country="DE" LegalLocation="True"/>
    </Org>
  </PingRespBlk>
</IotpMessage>
`;
